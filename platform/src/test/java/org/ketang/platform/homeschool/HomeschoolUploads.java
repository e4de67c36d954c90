package org.ketang.platform.homeschool;

import static org.ketang.platform.identity.ActingAs.actor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.ketang.platform.identity.Actor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Home-school attachments sent the way the phone sends them: a tus upload with {@code purpose=homeschool-attachment}. */
final class HomeschoolUploads {

    /** The first bytes of a PNG, enough for the attachment check. */
    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };

    private HomeschoolUploads() {
    }

    /** Creates the upload and sends every byte; returns the final PATCH (204 when accepted). */
    static ResultActions send(MockMvc mvc, Actor by, String filename, byte[] content) throws Exception {
        String location = create(mvc, by, filename, content.length).andReturn().getResponse().getHeader("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        return mvc.perform(patch("/api/v1/uploads/" + id).with(actor(by)).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", 0).contentType("application/offset+octet-stream").content(content));
    }

    static ResultActions create(MockMvc mvc, Actor by, String filename, long length) throws Exception {
        String metadata = "filename " + b64(filename) + ",purpose " + b64("homeschool-attachment");
        return mvc.perform(post("/api/v1/uploads").with(actor(by)).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", length).header("Upload-Metadata", metadata));
    }

    /** A completed attachment upload's id. */
    static String upload(MockMvc mvc, Actor by, String filename, byte[] content) throws Exception {
        String location = create(mvc, by, filename, content.length).andReturn().getResponse().getHeader("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        mvc.perform(patch("/api/v1/uploads/" + id).with(actor(by)).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", 0).contentType("application/offset+octet-stream").content(content));
        return id;
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
