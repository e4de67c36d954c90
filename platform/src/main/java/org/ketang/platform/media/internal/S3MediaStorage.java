package org.ketang.platform.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ketang.platform.media.MediaStorage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link MediaStorage} in an S3-compatible object store (AWS S3, MinIO, Ceph; path-style addressing for the latter). */
final class S3MediaStorage implements MediaStorage, AutoCloseable {

    private final S3Client s3;
    private final String bucket;

    S3MediaStorage(MediaSettings.Storage settings) {
        var builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        if (settings.accessKey() != null && !settings.accessKey().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider
                    .create(AwsBasicCredentials.create(settings.accessKey(), String.valueOf(settings.secretKey()))));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
        this.bucket = settings.bucket();
    }

    /** Creates the bucket when it does not exist yet (first start against a fresh MinIO). */
    void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void put(String key, Path file) throws IOException {
        call(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file)));
    }

    @Override
    public void put(String key, InputStream content, long length) throws IOException {
        call(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromInputStream(content, length)));
    }

    @Override
    public InputStream open(String key) throws IOException {
        return call(() -> s3.getObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (length <= 0) {
            // "bytes=5-4" is no valid range: AWS ignores it and sends the whole object, others answer 400
            if (!exists(key)) {
                throw new java.nio.file.NoSuchFileException(key);
            }
            return InputStream.nullInputStream();
        }
        return call(() -> s3.getObject(b -> b.bucket(bucket).key(key)
                .range("bytes=" + offset + "-" + (offset + length - 1))));
    }

    @Override
    public boolean exists(String key) throws IOException {
        return size(key).isPresent();
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException(e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public void deletePrefix(String prefix) throws IOException {
        // a folder, as on local disk: S3 prefixes are plain text, so "assets/7" would also catch "assets/70/"
        List<String> keys = list(prefix.endsWith("/") ? prefix : prefix + "/");
        for (int i = 0; i < keys.size(); i += 1000) {
            List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            call(() -> s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).build())));
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return call(() -> {
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
                    .forEach(keys::add);
            keys.sort(null);
            return keys;
        });
    }

    @Override
    public Optional<Path> localFile(String key) {
        return Optional.empty();
    }

    @Override
    public void close() {
        s3.close();
    }

    private interface S3Call<T> {
        T call();
    }

    private static <T> T call(S3Call<T> call) throws IOException {
        try {
            return call.call();
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException(e.getMessage());
        } catch (SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
