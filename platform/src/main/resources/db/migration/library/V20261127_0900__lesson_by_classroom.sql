-- The live module asks which lesson was recorded in a classroom around the time a live class ran.
create index ix_lib_lesson_classroom on lib_lesson (classroom_id, recording_started_at);
