package dev.massager.api.problem;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request the domain refuses, naming the field at fault: a 400 problem with an {@code errors} list. */
public class BadRequest extends ErrorResponseException {

    public BadRequest(String field, String message) {
        super(HttpStatus.BAD_REQUEST, body(field, message), null);
    }

    private static ProblemDetail body(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
        problem.setProperty(ApiExceptionHandler.ERRORS, List.of(new InvalidField(field, message)));
        return problem;
    }
}
