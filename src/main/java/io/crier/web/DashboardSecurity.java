package io.crier.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.web.filter.GenericFilterBean;

import io.crier.access.AccessService;
import io.crier.access.ApiKeyChains;
import io.crier.shared.ApiException;
import io.crier.shared.ErrorCodes;
import io.crier.shared.ErrorResponseWriter;

/**
 * The dashboard's own chain ({@code /app/**}): a browser session instead of an API key header.
 * Signing in keeps the API key in the HTTP session only (the browser holds an httpOnly, SameSite
 * cookie); every request re-authenticates that key, so a revoked key ends the session at once.
 * Every state-changing request needs the session's CSRF token in {@code X-CSRF-TOKEN}. The
 * {@code /v1} API's own chains are untouched: the dashboard reaches the API through
 * {@link ApiRelayController}, which forwards to {@code /v1} with the session's key, so the API's
 * scopes and rate limits apply to the dashboard exactly as to any client.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurity {

    /** The session attribute holding the signed-in API key. */
    static final String API_KEY = DashboardSecurity.class.getName() + ".apiKey";

    @Bean
    @Order(ApiKeyChains.ORDER)
    SecurityFilterChain dashboardChain(HttpSecurity http, AccessService access, ErrorResponseWriter errors)
            throws Exception {
        return http
                .securityMatcher("/app/**")
                // Sign-in is ours (SessionController changes the session id there); Spring's session
                // management would take each request's principal for a new sign-in and rotate the CSRF token.
                .sessionManagement(AbstractHttpConfigurer::disable)
                // The principal is made from the session's key on every request, never stored.
                .securityContext(context -> context.securityContextRepository(new NullSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                .csrf(Customizer.withDefaults())
                .addFilterBefore(new SessionKeyFilter(access), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        // A live stream's completion and error pages come back as dispatches of their own.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, SessionController.PATH).permitAll()
                        .requestMatchers(HttpMethod.POST, SessionController.PATH, SessionController.SIGN_OUT)
                        .permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> errors.write(request, response,
                                new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED,
                                        "Sign in to use the dashboard")))
                        .accessDeniedHandler((request, response, e) -> errors.write(request, response,
                                new ApiException(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN,
                                        "Missing or stale CSRF token: reload the page"))))
                .build();
    }

    /** Authenticates the request as the key the session holds, if it still exists and is not revoked. */
    private static final class SessionKeyFilter extends GenericFilterBean {

        private final AccessService access;

        SessionKeyFilter(AccessService access) {
            this.access = access;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            HttpSession session = ((HttpServletRequest) request).getSession(false);
            if (session != null && session.getAttribute(API_KEY) instanceof String key) {
                access.authenticate(key).ifPresentOrElse(principal -> {
                    var context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                            List.of()));
                    SecurityContextHolder.setContext(context);
                }, () -> session.removeAttribute(API_KEY));
            }
            chain.doFilter(request, response);
        }
    }
}
