/// Renders an `ArticleExtraction` as one line of the `guanxi extract` JSON Lines
/// contract (see DESIGN.md): source, index, headline, date, people with kind,
/// titles as written, referenced and spans; organizations with canonical name
/// and the forms written. Keys are sorted, so output is byte-stable.
public enum ExtractionJSON {
    /// One JSON object, no trailing newline.
    public static func line(_ e: ArticleExtraction) -> String {
        let a = e.article
        var w = JSONWriter()
        w.beginObject()
        w.key("byline"); w.string(a.byline?.text)
        w.key("date"); w.string(a.date?.iso)
        w.key("date_inferred"); w.bool(a.date?.inferred ?? false)
        w.key("headline"); w.string(a.headline?.text)
        w.key("index"); w.int(a.index)
        w.key("kind"); w.string(a.kind.rawValue)
        w.key("organizations")
        w.beginArray()
        for o in e.organizations {
            w.beginObject()
            if let j = o.jurisdiction { w.key("jurisdiction"); w.string(j) }
            w.key("mentions"); w.strings(o.mentions)
            w.key("name"); w.string(o.name)
            if let p = o.parent { w.key("parent"); w.string(p) }
            w.key("spans"); spans(o.spans, &w)
            w.endObject()
        }
        w.endArray()
        w.key("people")
        w.beginArray()
        for p in e.people {
            w.beginObject()
            if p.inName { w.key("in_name"); w.bool(true) }
            w.key("kind"); w.string(p.kind.rawValue)
            w.key("name"); w.string(p.name)
            w.key("posts")
            w.beginArray()
            for t in p.titles {
                w.beginObject()
                if t.former == true { w.key("former"); w.bool(true) }
                if let j = t.jurisdiction { w.key("jurisdiction"); w.string(j) }
                if let org = t.organization { w.key("organization"); w.string(org) }
                w.key("rank"); w.bool(t.isRank)
                w.key("role"); w.string(t.role)
                w.key("title"); w.string(t.text)
                w.endObject()
            }
            w.endArray()
            w.key("referenced"); w.bool(p.referenced)
            w.key("rules"); w.strings(p.rules)
            w.key("spans"); spans(p.spans, &w)
            w.key("titles"); w.strings(p.titles.map(\.text))
            w.endObject()
        }
        w.endArray()
        w.key("source"); w.string(a.source)
        w.endObject()
        return w.output
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
