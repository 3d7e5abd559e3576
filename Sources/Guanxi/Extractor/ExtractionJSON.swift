/// Renders an `ArticleExtraction` as one line of the `guanxi extract` JSON Lines
/// contract (see DESIGN.md): source, index, headline, date, people with kind,
/// titles as written, referenced and spans; organizations with canonical name
/// and the forms written. Keys are sorted, so output is byte-stable.
public enum ExtractionJSON {
    /// One JSON object, no trailing newline.
    public static func line(_ e: ArticleExtraction) -> String {
        var w = JSONWriter()
        write(e, to: &w)
        return w.output
    }

    /// Writes the object of `line(_:)` into `w` (callers writing many lines
    /// into one buffer end each with `JSONWriter.endLine()`).
    public static func write(_ e: ArticleExtraction, to w: inout JSONWriter) {
        let a = e.article
        w.beginObject()
        w.plainKey("byline"); w.string(scalars: a.byline?.scalars)
        w.plainKey("date"); w.string(a.date?.iso)
        w.field("date_inferred", a.date?.inferred ?? false)
        w.plainKey("headline"); w.string(scalars: a.headline?.scalars)
        w.plainKey("index"); w.int(a.index)
        w.field("kind", a.kind.rawValue)
        w.plainKey("organizations")
        w.beginArray()
        for o in e.organizations {
            w.beginObject()
            if let j = o.jurisdiction { w.field("jurisdiction", j) }
            w.plainKey("mentions"); w.strings(o.mentions)
            w.field("name", o.name)
            if let p = o.parent { w.field("parent", p) }
            w.plainKey("spans"); spans(o.spans, &w)
            w.endObject()
        }
        w.endArray()
        w.plainKey("people")
        w.beginArray()
        for p in e.people {
            w.beginObject()
            if p.inName { w.field("in_name", true) }
            w.field("kind", p.kind.rawValue)
            w.field("name", p.name)
            w.plainKey("posts")
            w.beginArray()
            for t in p.titles {
                w.beginObject()
                if t.former == true { w.field("former", true) }
                if let j = t.jurisdiction { w.field("jurisdiction", j) }
                if let org = t.organization { w.field("organization", org) }
                w.field("rank", t.isRank)
                w.field("role", t.role)
                w.field("title", t.text)
                w.endObject()
            }
            w.endArray()
            w.field("referenced", p.referenced)
            w.plainKey("rules"); w.strings(p.rules)
            w.plainKey("spans"); spans(p.spans, &w)
            w.plainKey("titles")
            w.beginArray()
            for t in p.titles { w.string(t.text) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.field("source", a.source)
        w.endObject()
    }

    private static func spans(_ spans: [Range<Int>], _ w: inout JSONWriter) {
        w.beginArray()
        for r in spans {
            w.beginArray()
            w.int(r.lowerBound)
            w.int(r.upperBound)
            w.endArray()
        }
        w.endArray()
    }
}
