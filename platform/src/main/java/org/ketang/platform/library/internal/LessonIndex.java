package org.ketang.platform.library.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;
import org.ketang.platform.library.LibrarySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The Lucene index of lessons. Every text (title, description, tags, chapter, teacher, subject, grade and
 * class, school) is indexed twice: with smartcn (words) and with CJK bigrams (smartcn alone misses 方程 in
 * 一元二次方程 and 数学 in some compounds); a query must match each of its words in one of the two. Visibility
 * is a filter inside the query (the same rules as {@link Viewer}); callers still check each hit against the
 * database. Facets count subject, grade and school over the visible matches.
 */
@Component
public class LessonIndex implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LessonIndex.class);

    /** Text fields and their weights. */
    private static final Map<String, Float> TEXT = Map.of("title", 3f, "tags", 2f, "chapter", 2f, "subject", 1.5f,
            "teacher", 1.5f, "grade", 1f, "school", 1f, "description", 1f);
    private static final String CN = "_cn";
    private static final String BI = "_bi";

    private final Path path;
    private final Analyzer smartcn = new SmartChineseAnalyzer();
    private final Analyzer bigram = new CJKAnalyzer();
    private final Analyzer analyzer;
    private final FacetsConfig facets = new FacetsConfig();
    private @Nullable Directory directory;
    private @Nullable IndexWriter writer;
    private @Nullable SearcherManager searchers;
    private @Nullable SortedSetDocValuesReaderState facetState;
    private @Nullable IndexReader facetStateReader;
    private boolean fresh;

    LessonIndex(LibrarySettings settings) {
        this.path = settings.indexDir();
        Map<String, Analyzer> perField = new HashMap<>();
        TEXT.keySet().forEach(f -> perField.put(f + CN, smartcn));
        this.analyzer = new PerFieldAnalyzerWrapper(bigram, perField);
        open();
    }

    /** Opens the index; a missing or unreadable one is created empty and {@link #needsRebuild} says so. */
    private synchronized void open() {
        try {
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            fresh = !DirectoryReader.indexExists(directory);
            if (!fresh) {
                try (DirectoryReader probe = DirectoryReader.open(directory)) {
                    log.debug("Lesson index has {} documents", probe.numDocs());
                } catch (IOException | RuntimeException corrupt) {
                    log.warn("Lesson index at {} is unreadable ({}); it is rebuilt from the database", path, corrupt.toString());
                    directory.close();
                    wipe();
                    directory = FSDirectory.open(path);
                    fresh = true;
                }
            }
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            writer = new IndexWriter(directory, config);
            writer.commit();
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the lesson index at " + path, e);
        }
    }

    private void wipe() throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(path)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Whether the index was missing or corrupt when opened (and is still empty). */
    public synchronized boolean needsRebuild() {
        return fresh;
    }

    /** Adds, replaces or (for a deleted lesson) removes one lesson, and makes the change searchable. */
    public synchronized void index(Lesson lesson) {
        try {
            IndexWriter w = writer();
            if (lesson.deleted()) {
                w.deleteDocuments(new Term("id", String.valueOf(lesson.id())));
            } else {
                w.updateDocument(new Term("id", String.valueOf(lesson.id())), document(lesson));
            }
            w.commit();
            searchers().maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the index and adds every lesson {@code source} gives; answers how many were indexed. */
    public synchronized int rebuild(java.util.function.Consumer<java.util.function.Consumer<Lesson>> source) {
        try {
            IndexWriter w = writer();
            w.deleteAll();
            int[] count = { 0 };
            source.accept(lesson -> {
                try {
                    w.addDocument(document(lesson));
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            w.commit();
            searchers().maybeRefreshBlocking();
            fresh = false;
            return count[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Document document(Lesson lesson) throws IOException {
        var c = lesson.classification();
        Document doc = new Document();
        doc.add(new StringField("id", String.valueOf(lesson.id()), Field.Store.YES));
        text(doc, "title", lesson.title());
        text(doc, "description", lesson.description());
        text(doc, "tags", String.join(" ", lesson.tags()));
        text(doc, "chapter", lesson.chapter());
        text(doc, "teacher", c.teacherName());
        text(doc, "subject", c.subjectName());
        text(doc, "grade", join(c.gradeName(), c.className()));
        text(doc, "school", c.schoolName());
        doc.add(new StringField("school", String.valueOf(c.schoolId()), Field.Store.NO));
        doc.add(new StringField("vis", lesson.visibility().name(), Field.Store.NO));
        doc.add(new StringField("watch", lesson.status().watchable() ? "1" : "0", Field.Store.NO));
        if (c.teacherUserId() != null) {
            doc.add(new StringField("owner", String.valueOf(c.teacherUserId()), Field.Store.NO));
        }
        if (lesson.uploaderUserId() != null) {
            doc.add(new StringField("owner", String.valueOf(lesson.uploaderUserId()), Field.Store.NO));
        }
        if (c.gradeId() != null) {
            doc.add(new StringField("gradeId", String.valueOf(c.gradeId()), Field.Store.NO));
            doc.add(new SortedSetDocValuesFacetField("grade", c.gradeId() + "|" + c.gradeName()));
        }
        if (c.subjectId() != null) {
            doc.add(new StringField("subjectId", String.valueOf(c.subjectId()), Field.Store.NO));
            doc.add(new SortedSetDocValuesFacetField("subject", c.subjectId() + "|" + c.subjectName()));
        }
        if (c.teacherStaffId() != null) {
            doc.add(new StringField("teacherId", String.valueOf(c.teacherStaffId()), Field.Store.NO));
        }
        doc.add(new SortedSetDocValuesFacetField("school", c.schoolId() + "|" + c.schoolName()));
        long day = c.recordedOn().toEpochDay();
        doc.add(new LongPoint("recorded", day));
        doc.add(new NumericDocValuesField("recordedSort", day));
        return facets.build(doc);
    }

    private static @Nullable String join(@Nullable String a, @Nullable String b) {
        if (a == null) {
            return b;
        }
        return b == null || b.startsWith(a) ? (b == null ? a : b) : a + " " + b;
    }

    private static void text(Document doc, String field, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new TextField(field + CN, value, Field.Store.NO));
            doc.add(new TextField(field + BI, value, Field.Store.NO));
        }
    }

    /** One facet value: an id, its name and how many visible matches have it. */
    public record FacetValue(long id, String name, long count) {
    }

    /** Lesson ids of one page of hits (best first), the number of visible matches and the facets. */
    public record Result(List<Long> ids, long total, Map<String, List<FacetValue>> facets) {
    }

    public Result search(Viewer viewer, String text, Lessons.Filter filter, int page, int size) {
        Query textQuery = textQuery(text);
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(textQuery, Occur.MUST)
                .add(visibilityFilter(viewer), Occur.FILTER);
        addFilter(query, "school", filter.schoolId());
        addFilter(query, "gradeId", filter.gradeId());
        addFilter(query, "subjectId", filter.subjectId());
        addFilter(query, "teacherId", filter.teacherId());
        if (filter.from() != null || filter.to() != null) {
            long from = filter.from() == null ? Long.MIN_VALUE : filter.from().toEpochDay();
            long to = filter.to() == null ? Long.MAX_VALUE : filter.to().toEpochDay();
            query.add(LongPoint.newRangeQuery("recorded", from, to), Occur.FILTER);
        }
        Query built = query.build();
        SearcherManager manager = searchers();
        try {
            IndexSearcher searcher = manager.acquire();
            try {
                int n = Math.max(1, (page + 1) * size);
                FacetsCollector collector = new FacetsCollector();
                TopDocs top = text.isBlank()
                        ? FacetsCollector.search(searcher, built, n,
                                new Sort(new SortField("recordedSort", SortField.Type.LONG, true)), collector)
                        : FacetsCollector.search(searcher, built, n, collector);
                List<Long> ids = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                for (int i = page * size; i < docs.length; i++) {
                    ids.add(Long.valueOf(searcher.storedFields().document(docs[i].doc).get("id")));
                }
                Map<String, List<FacetValue>> counts = new HashMap<>();
                SortedSetDocValuesReaderState state = facetState(searcher.getIndexReader());
                if (state != null) {
                    SortedSetDocValuesFacetCounts facetCounts = new SortedSetDocValuesFacetCounts(state, collector);
                    for (String dim : List.of("subject", "grade", "school")) {
                        counts.put(dim, values(state, facetCounts, dim));
                    }
                } else {
                    List.of("subject", "grade", "school").forEach(dim -> counts.put(dim, List.of()));
                }
                return new Result(ids, top.totalHits.value, counts);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<FacetValue> values(SortedSetDocValuesReaderState state, SortedSetDocValuesFacetCounts counts,
            String dim) throws IOException {
        if (state.getOrdRange(dim) == null) {
            return List.of();
        }
        FacetResult result = counts.getTopChildren(50, dim);
        if (result == null) {
            return List.of();
        }
        List<FacetValue> values = new ArrayList<>();
        for (LabelAndValue lv : result.labelValues) {
            int bar = lv.label.indexOf('|');
            values.add(new FacetValue(Long.parseLong(lv.label.substring(0, bar)), lv.label.substring(bar + 1),
                    lv.value.longValue()));
        }
        return values;
    }

    private synchronized @Nullable SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        if (facetStateReader != reader) {
            try {
                facetState = new DefaultSortedSetDocValuesReaderState(reader, facets);
            } catch (IllegalArgumentException noFacetsYet) {
                facetState = null;
            }
            facetStateReader = reader;
        }
        return facetState;
    }

    private static void addFilter(BooleanQuery.Builder query, String field, @Nullable Long value) {
        if (value != null) {
            query.add(new TermQuery(new Term(field, String.valueOf(value))), Occur.FILTER);
        }
    }

    /** The user's words: each must match (all its tokens) in some field, by smartcn words or by bigrams. */
    Query textQuery(String text) {
        String[] words = text.strip().split("\\s+");
        if (text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : words) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            boolean some = false;
            for (var field : TEXT.entrySet()) {
                for (String suffix : List.of(CN, BI)) {
                    String name = field.getKey() + suffix;
                    Query q = new QueryBuilder(suffix.equals(CN) ? smartcn : bigram).createBooleanQuery(name, word, Occur.MUST);
                    if (q != null) {
                        any.add(new BoostQuery(q, field.getValue()), Occur.SHOULD);
                        some = true;
                    }
                }
            }
            if (some) {
                all.add(any.build(), Occur.MUST);
            }
        }
        BooleanQuery built = all.build();
        return built.clauses().isEmpty() ? new MatchAllDocsQuery() : built;
    }

    /** A highlighting query for one text field: the bigram and smartcn clauses of that field only. */
    Query fieldQuery(String text, String field) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String word : text.strip().split("\\s+")) {
            Query bi = new QueryBuilder(bigram).createBooleanQuery(field + BI, word, Occur.SHOULD);
            if (bi != null) {
                any.add(bi, Occur.SHOULD);
            }
        }
        return any.build();
    }

    /**
     * The text with the query's words marked {@code <mark>…</mark>} and everything else HTML-escaped; the whole
     * text, or for long ones the best fragment of about {@code fragment} characters.
     */
    public String highlight(String query, String field, @Nullable String text, int fragment) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        SimpleHTMLEncoder encoder = new SimpleHTMLEncoder();
        if (!query.isBlank()) {
            try {
                QueryScorer scorer = new QueryScorer(fieldQuery(query, field), field + BI);
                Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), encoder, scorer);
                highlighter.setTextFragmenter(text.length() <= fragment ? new NullFragmenter() : new SimpleFragmenter(fragment));
                String marked = highlighter.getBestFragment(bigram, field + BI, text);
                if (marked != null) {
                    return marked;
                }
            } catch (IOException | InvalidTokenOffsetsException e) {
                log.debug("Could not highlight {}", field, e);
            }
        }
        return encoder.encodeText(text.length() <= fragment ? text : text.substring(0, fragment) + "…");
    }

    /** {@link Viewer#listable} as a Lucene filter. */
    static Query visibilityFilter(Viewer viewer) {
        BooleanQuery.Builder seen = new BooleanQuery.Builder()
                .add(new TermQuery(new Term("vis", "PUBLIC")), Occur.SHOULD);
        if (viewer.canView()) {
            seen.add(new TermQuery(new Term("vis", "DISTRICT")), Occur.SHOULD);
            if (viewer.districtStaff()) {
                seen.add(new TermQuery(new Term("vis", "SCHOOL")), Occur.SHOULD);
            } else if (viewer.schoolId() != null) {
                seen.add(new BooleanQuery.Builder().add(new TermQuery(new Term("vis", "SCHOOL")), Occur.MUST)
                        .add(new TermQuery(new Term("school", String.valueOf(viewer.schoolId()))), Occur.MUST).build(),
                        Occur.SHOULD);
            }
        }
        if (viewer.managesAll()) {
            seen.add(new MatchAllDocsQuery(), Occur.SHOULD);
        }
        if (viewer.managedSchool() != null) {
            seen.add(new TermQuery(new Term("school", String.valueOf(viewer.managedSchool()))), Occur.SHOULD);
        }
        Query watchable = new BooleanQuery.Builder().add(new TermQuery(new Term("watch", "1")), Occur.MUST)
                .add(seen.build(), Occur.MUST).build();
        return new BooleanQuery.Builder().add(new TermQuery(new Term("owner", String.valueOf(viewer.userId()))), Occur.SHOULD)
                .add(watchable, Occur.SHOULD).setMinimumNumberShouldMatch(1).build();
    }

    private IndexWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("lesson index is closed");
        }
        return writer;
    }

    private SearcherManager searchers() {
        if (searchers == null) {
            throw new IllegalStateException("lesson index is closed");
        }
        return searchers;
    }

    @Override
    public synchronized void destroy() throws IOException {
        if (searchers != null) {
            searchers.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (directory != null) {
            directory.close();
        }
        writer = null;
        searchers = null;
    }
}
