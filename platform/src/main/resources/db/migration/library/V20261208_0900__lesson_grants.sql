-- Grants: one account may play one lesson for a purpose (a contest judge), whatever the lesson's visibility.
create table lib_lesson_grant (
    lesson_id  bigint       not null references lib_lesson (id),
    user_id    bigint       not null,
    purpose    varchar(80)  not null,
    granted_at timestamp with time zone not null,
    primary key (lesson_id, user_id, purpose)
);
create index ix_lib_lesson_grant_user on lib_lesson_grant (user_id, lesson_id);
