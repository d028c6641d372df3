package io.crier.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.crier.access.AccessService;
import io.crier.access.ApiPrincipal;
import io.crier.access.Scope;
import io.crier.access.SignInThrottle;
import io.crier.shared.ApiException;
import io.crier.shared.ApiResponse;
import io.crier.shared.ErrorCodes;

/**
 * The dashboard's session: who is signed in (with the CSRF token the page sends back on every
 * change), signing in with an API key, and signing out. The key never goes back to the browser.
 */
@RestController
class SessionController {

    static final String PATH = "/app/session";
    static final String SIGN_OUT = "/app/session/sign-out";

    private final AccessService access;
    private final SignInThrottle signIns;

    SessionController(AccessService access, SignInThrottle signIns) {
        this.access = access;
        this.signIns = signIns;
    }

    record SignIn(String apiKey) {
    }

    @GetMapping(PATH)
    ApiResponse<Map<String, Object>> current(@AuthenticationPrincipal ApiPrincipal caller, HttpServletRequest request) {
        return ApiResponse.of(state(Optional.ofNullable(caller), request));
    }

    @PostMapping(PATH)
    ApiResponse<Map<String, Object>> signIn(@RequestBody SignIn body, HttpServletRequest request) {
        String key = body.apiKey() == null ? "" : body.apiKey().strip();
        ApiPrincipal principal = signIns.authenticate(request, key).orElseThrow(() -> new ApiException(
                HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED, "Unknown or revoked API key"));
        request.getSession(true).setAttribute(DashboardSecurity.API_KEY, key);
        // A new session id once signed in, so an id planted before sign-in is worth nothing.
        request.changeSessionId();
        return ApiResponse.of(state(Optional.of(principal), request), "Signed in");
    }

    @PostMapping(SIGN_OUT)
    ApiResponse<Map<String, Object>> signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return ApiResponse.of(Map.of("signedIn", false), "Signed out");
    }

    private Map<String, Object> state(Optional<ApiPrincipal> caller, HttpServletRequest request) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("signedIn", caller.isPresent());
        caller.ifPresent(principal -> {
            state.put("workspace", access.workspace(principal.workspaceId()).name());
            state.put("scopes", principal.scopes().stream().map(Scope::wire).sorted().toList());
        });
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        state.put("csrfHeader", csrf.getHeaderName());
        state.put("csrfToken", csrf.getToken());
        return state;
    }
}
