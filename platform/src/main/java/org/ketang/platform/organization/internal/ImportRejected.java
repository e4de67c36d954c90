package org.ketang.platform.organization.internal;

import java.util.List;

/** An import that was refused as a whole because of the listed row errors; nothing was written. */
public class ImportRejected extends RuntimeException {

    private final List<ImportError> errors;

    public ImportRejected(List<ImportError> errors) {
        super(errors.size() + " import error(s), first: " + (errors.isEmpty() ? "-" : errors.get(0).messageEn()));
        this.errors = List.copyOf(errors);
    }

    public List<ImportError> errors() {
        return errors;
    }
}
