package org.ketang.platform.homeschool.internal;

import static org.ketang.platform.homeschool.internal.Notices.instant;
import static org.ketang.platform.homeschool.internal.Notices.utc;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Reach;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campus news (校园文化): staff who reach the whole school post text with pictures and videos; everyone of the
 * school (staff, students, the parents of its students) reads the feed, newest first. Posts and their files are
 * seen only within their school.
 */
@Service
@Transactional
public class CampusNews {

    static final String NEWS_REF = "news";

    public record Post(long id, long schoolId, String authorName, String title, String body, Instant postedAt,
            List<Attachments.Attachment> attachments) {
    }

    private final JdbcClient jdbc;
    private final Reach reach;
    private final Attachments attachments;
    private final AuditTrail audit;

    CampusNews(JdbcClient jdbc, Reach reach, Attachments attachments, AuditTrail audit) {
        this.jdbc = jdbc;
        this.reach = reach;
        this.attachments = attachments;
        this.audit = audit;
    }

    /** Posts to the actor's school (or {@code schoolId} for district staff); needs HOMESCHOOL_TEACH over the whole school. */
    public long post(Actor actor, @Nullable Long schoolId, String title, String body, List<String> uploadIds) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        Long school = schoolId != null ? schoolId : actor.schoolId();
        if (school == null || !actor.reachesWholeSchool(school)) {
            throw ApiProblem.forbidden();
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into hs_news (school_id, author_id, author_name, title, body, posted_at)
                values (:school, :author, :name, :title, :body, :at)""").param("school", school)
                .param("author", actor.userId()).param("name", actor.displayName()).param("title", title.strip())
                .param("body", body.strip()).param("at", utc(Instant.now())).update(keys, "id");
        long id = keys.getKey().longValue();
        attachments.attach(actor, uploadIds, NEWS_REF, id);
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "homeschool.news-posted", "news " + id,
                title.strip(), AuditTrail.Outcome.SUCCESS, school, null));
        return id;
    }

    /** The feed of the schools the actor belongs to (or sees something of), newest first, paged by id. */
    @Transactional(readOnly = true)
    public List<Post> feed(Actor actor, @Nullable Long before, int limit) {
        List<Long> schools = List.copyOf(reach.of(actor).schools());
        if (schools.isEmpty() && !actor.isDistrictWide()) {
            return List.of();
        }
        List<Post> posts = jdbc.sql("""
                select id, school_id, author_name, title, body, posted_at from hs_news
                 where (:all = true or school_id in (:schools)) and (cast(:before as bigint) is null or id < :before)
                 order by id desc fetch first :limit rows only""").param("all", actor.isDistrictWide())
                .param("schools", schools.isEmpty() ? List.of(-1L) : schools).param("before", before)
                .param("limit", Math.max(1, Math.min(limit, 50)))
                .query((rs, n) -> new Post(rs.getLong("id"), rs.getLong("school_id"), rs.getString("author_name"),
                        rs.getString("title"), rs.getString("body"), instant(rs, "posted_at"), List.of()))
                .list();
        Map<Long, List<Attachments.Attachment>> files = attachments.ofItems(NEWS_REF, posts.stream().map(Post::id).toList());
        return posts.stream().map(p -> new Post(p.id(), p.schoolId(), p.authorName(), p.title(), p.body(), p.postedAt(),
                files.getOrDefault(p.id(), List.of()))).toList();
    }

    boolean sees(Actor actor, long newsId) {
        return jdbc.sql("select school_id from hs_news where id = ?").param(newsId).query(Long.class).optional()
                .map(school -> reach.of(actor).school(school)).orElse(false);
    }

    /** Pictures and videos of a post: whoever sees the post. */
    @Configuration(proxyBeanMethods = false)
    static class NewsAttachments {
        @Bean
        Attachments.Refs newsAttachmentRefs(CampusNews news) {
            return new Attachments.Refs() {
                @Override
                public String refKind() {
                    return NEWS_REF;
                }

                @Override
                public boolean sees(Actor actor, long refId) {
                    return news.sees(actor, refId);
                }
            };
        }
    }
}
