package io.z3chat.persistence.error;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Documents {@link ErrorMappers}' answer on every operation of the OpenAPI document: any other status carries an
 * {@link ErrorBody} (registered as {@code mp.openapi.filter}), and so does the 400 of a validated body.
 */
public class ErrorResponses implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        Schema error = OASFactory.createSchema().ref("ErrorBody");
        MediaType json = OASFactory.createMediaType().schema(error);
        Content content = OASFactory.createContent().addMediaType("application/json", json);
        operation.getResponses().addAPIResponse("default", OASFactory.createAPIResponse()
                .description("An error, as {\"error\": {\"code\", \"message\"}}").content(content));
        // the 400 Quarkus documents for a validated body says nothing of the body ErrorMappers sends with it
        var badRequest = operation.getResponses().getAPIResponse("400");
        if (badRequest != null && badRequest.getContent() == null) {
            badRequest.content(content);
        }
        return operation;
    }
}
