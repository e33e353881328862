package dev.massager.api.stream;

/**
 * The database could not be reached while a batch was processed: the batch is retried until it can, never
 * dead-lettered.
 */
class DatabaseUnavailable extends RuntimeException {

    DatabaseUnavailable(Throwable cause) {
        super("the database is unavailable: " + cause.getMessage(), cause);
    }
}
