package io.crier.audience;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An address mail can be sent from or to, as {@link EmailAddresses} takes it: a dot-atom on a
 * domain of two labels or more, without surrounding spaces. Unlike {@code @Email}, no quoted local
 * part and no IP literal, whose {@code <>,;} would reach headers, MAIL FROM and mailto links. Null
 * is valid.
 */
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = EmailAddress.Check.class)
public @interface EmailAddress {

    String message() default "is not a valid email address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check behind the annotation. */
    class Check implements ConstraintValidator<EmailAddress, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || EmailAddresses.normalize(value).filter(value::equalsIgnoreCase).isPresent();
        }
    }
}
