package io.crier.shared;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * Puts Amazon Corretto Crypto Provider (AWS-LC, native) first among the JVM's crypto providers,
 * unless {@code crier.crypto.native} is false. Every DKIM signature is an RSA signature, which
 * costs the JDK's provider about four times what native code does; every {@code getInstance}
 * without a provider (jDKIM's, the link tokens', the API keys' digests) then gets the native one
 * wherever it offers the algorithm, and the JDK's otherwise (AES/CTR, for one). Where it does not
 * load (another CPU or C library than its native part was built for) or fails its self-test, the
 * JDK's providers stay, and one log line says why.
 *
 * <p>Registered in META-INF/spring.factories so that it runs once the environment (and logging) is
 * ready but before any bean exists, so before any cipher or signature is made and cached.
 */
public final class NativeCrypto implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String SETTING = "crier.crypto.native";
    private static final Logger log = LoggerFactory.getLogger(NativeCrypto.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        boolean wanted = event.getEnvironment().getProperty(SETTING, Boolean.class, true);
        String outcome = wanted ? install() : "the JDK's, as " + SETTING + " is false";
        log.info("Crypto provider for DKIM signatures, digests, HMAC and AES: {} ({})", inUse(), outcome);
    }

    /** Runs after Spring Boot's own listeners, the one that sets logging up among them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * Installs the native provider first (again a no-op once done) and says what became of it.
     * Any failure leaves the JDK's providers as they were. Public for tools that measure signing
     * outside Crier (DkimSigningCost).
     */
    public static String install() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable loadingError = provider.getLoadingError();
            if (loadingError != null) {
                return "the JDK's: the native provider did not load: " + loadingError;
            }
            provider.assertHealthy();
            AmazonCorrettoCryptoProvider.install();
            return "native, installed first";
        } catch (RuntimeException | LinkageError e) {
            return "the JDK's: the native provider failed: " + e;
        }
    }

    /** The provider RSA signatures (DKIM) get now, by name and version. */
    public static String inUse() {
        try {
            Provider provider = Signature.getInstance("SHA256withRSA").getProvider();
            return provider.getName() + " " + provider.getVersionStr();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has SHA256withRSA", e);
        }
    }
}
