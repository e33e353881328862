package dev.massager.api.problem;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error as an RFC 9457 problem. Spring's handler covers the status codes; this adds to each 400 an
 * {@code errors} list of {@link InvalidField}s that names what the client got wrong, in the client's own terms.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final String ERRORS = "errors";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return withErrors(e, e.getBody(), fromBindingResult(e.getBindingResult(), null), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String name = parameterName(result.getMethodParameter());
            if (result instanceof ParameterErrors bean) {
                errors.addAll(fromBindingResult(bean, name));
            } else {
                for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    errors.add(new InvalidField(name, error.getDefaultMessage()));
                }
            }
        }
        return withErrors(e, e.getBody(), errors, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name =
                e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String message = "'" + e.getValue() + "' is not a valid "
                + (type == null
                        ? "value"
                        : type.getSimpleName()
                                .replaceAll("(?<=[a-z])(?=[A-Z])", " ")
                                .toLowerCase());
        ProblemDetail body = createProblemDetail(e, status, name + ": " + message, null, null, request);
        return withErrors(e, body, List.of(new InvalidField(name, message)), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getParameterName();
        return withErrors(e, e.getBody(), List.of(new InvalidField(name, "is required")), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException jackson = jacksonCause(e);
        List<InvalidField> errors = new ArrayList<>();
        String detail = "The request body is not readable JSON of the expected shape.";
        if (jackson != null) {
            String path = path(jackson.getPath());
            String message = String.valueOf(jackson.getOriginalMessage());
            detail = path.isEmpty() ? message : path + ": " + message;
            if (!path.isEmpty()) {
                errors.add(new InvalidField(path, message));
            }
        }
        ProblemDetail body = createProblemDetail(e, status, detail, null, null, request);
        return withErrors(e, body, errors, headers, status, request);
    }

    private ResponseEntity<Object> withErrors(
            Exception e,
            ProblemDetail body,
            List<InvalidField> errors,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        body.setProperty(ERRORS, errors);
        if (!errors.isEmpty() && isGeneric(body.getDetail())) {
            body.setDetail(errors.stream()
                    .map(error -> error.field() + ": " + error.message())
                    .reduce((a, b) -> a + "; " + b)
                    .orElseThrow());
        }
        return handleExceptionInternal(e, body, headers, status, request);
    }

    private static boolean isGeneric(String detail) {
        return detail == null
                || detail.startsWith("Invalid request content")
                || detail.startsWith("Validation failure");
    }

    private static List<InvalidField> fromBindingResult(Errors result, String objectName) {
        List<InvalidField> errors = new ArrayList<>();
        for (FieldError error : result.getFieldErrors()) {
            errors.add(new InvalidField(error.getField(), error.getDefaultMessage()));
        }
        result.getGlobalErrors()
                .forEach(error -> errors.add(new InvalidField(
                        objectName == null ? error.getObjectName() : objectName, error.getDefaultMessage())));
        return errors;
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        return parameter.getParameterName();
    }

    private static JacksonException jacksonCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    /** A Jackson path as the client wrote it: {@code muscles[0]}, {@code pressure.foot}. */
    static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
