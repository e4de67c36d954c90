-- Resumable uploads (module ingest). One row per tus upload; the bytes live in a file named after the id
-- under ketang.ingest.dir. No foreign keys into other modules: owner and school are plain ids.
create table ingest_upload (
    id              varchar(40)    primary key,
    owner_user_id   bigint         not null,
    school_id       bigint,
    total_length    bigint         not null,
    received        bigint         not null,
    filename        varchar(500)   not null,
    filetype        varchar(200),
    expected_sha256 varchar(64),
    sha256          varchar(64),
    -- the Upload-Metadata header exactly as sent (tus encoding: "key base64,key base64")
    metadata        varchar(16000) not null,
    state           varchar(16)    not null,
    error_code      varchar(64),
    error_zh        varchar(1000),
    error_en        varchar(1000),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    expires_at      timestamp with time zone,
    claimed_at      timestamp with time zone
);
create index ix_ingest_upload_owner on ingest_upload (owner_user_id, state);
create index ix_ingest_upload_expiry on ingest_upload (state, expires_at);
