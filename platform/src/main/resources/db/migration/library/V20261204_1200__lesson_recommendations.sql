-- Lessons a teacher recommends to a class: the class's students and their guardians may watch them (unless PRIVATE).
create table lib_recommendation (
    lesson_id        bigint        not null references lib_lesson (id),
    class_id         bigint        not null,
    recommended_by   bigint        not null,
    recommender_name varchar(100)  not null,
    note             varchar(500),
    created_at       timestamp with time zone not null,
    primary key (lesson_id, class_id)
);
create index ix_lib_recommendation_class on lib_recommendation (class_id);
