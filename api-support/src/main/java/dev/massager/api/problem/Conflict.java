package dev.massager.api.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The request contradicts the current state (an id already taken, a device owned by someone else): a 409 problem. */
public class Conflict extends ErrorResponseException {

    public Conflict(String detail) {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail), null);
    }
}
