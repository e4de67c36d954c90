package org.ketang.platform.homeschool.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.homeschool.internal.CampusNews;
import org.ketang.platform.identity.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Campus news (校园文化): the school's feed with pictures and video. */
@RestController
@RequestMapping("/api/v1/homeschool/news")
class NewsController {

    private final CampusNews news;

    NewsController(CampusNews news) {
        this.news = news;
    }

    record NewPost(@Nullable Long schoolId, @NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 4000) String body,
            @Nullable List<String> attachments) {
    }

    record Created(long id) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Created post(Actor actor, @Valid @RequestBody NewPost request) {
        return new Created(news.post(actor, request.schoolId(), request.title(), request.body(),
                request.attachments() == null ? List.of() : request.attachments()));
    }

    @GetMapping
    List<CampusNews.Post> feed(Actor actor, @RequestParam(required = false) @Nullable Long before,
            @RequestParam(defaultValue = "20") int limit) {
        return news.feed(actor, before, limit);
    }
}
