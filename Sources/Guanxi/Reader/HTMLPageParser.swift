import CLibXML2

/// Pulls the article out of an HTML e-paper page with libxml2's HTML parser.
///
/// The only file of the reader that talks to libxml2. Founder (方正) e-paper pages are
/// read first: the `<!--enpproperty …-->` metadata comment (title, author, date), the
/// body between `<!--enpcontent-->` and `<!--/enpcontent-->`, else a `<founder-content>`
/// element, else `div#ozoom`. Other pages fall back to the largest text block: the
/// element with the most Han characters directly in its `<p>` children and own text.
/// `<script>`, `<style>`, forms and navigation are skipped. Truncated pages give what
/// libxml2's recovery mode still finds.
struct HTMLPageParser: Sendable {
    /// What a page held.
    struct Article: Sendable, Equatable {
        /// Which part of the page the body came from.
        enum BodySource: String, Sendable {
            case enpcontent, founderContent, ozoom, largestBlock
        }

        var headline: String?
        var byline: String?
        var paragraphs: [String]
        var bodySource: BodySource
        var date: PageDate?
        var url: String?
    }

    /// Fewer Han characters than this in the body is no article.
    static let minArticleHan = 10

    /// Why libxml2 stopped reading the page ``parse(utf8:)`` last read on this
    /// thread before its end, when it did: nested deeper than it reads
    /// (`<div>` in `<div>` 256 times and more), for a message better than "no
    /// article text found". libxml2 keeps its last error per thread.
    static func lastParseProblem() -> String? {
        guard let error = xmlGetLastError(), let message = error.pointee.message else { return nil }
        let text = String(cString: message)
        guard text.contains("Excessive depth") else { return nil }
        return "the HTML nests elements deeper than libxml2 reads (256 levels); libxml2 stopped there"
    }

    /// Parses UTF-8 HTML; nil when no article text is found.
    func parse(utf8 html: String) -> Article? {
        var bytes = Array(html.utf8)
        guard !bytes.isEmpty else { return nil }
        let options = Int32(
            bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        xmlResetLastError()
        let doc = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                UnsafeMutableRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
                }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return nil }

        var scan = Scan()
        scan.visit(root)
        let meta = scan.properties

        var body: (Node, Article.BodySource, [String])?
        if scan.hasContentMarkers {
            let paragraphs = Paragraphs.collect(root, markers: true)
            if Self.hanCount(paragraphs) >= Self.minArticleHan { body = (root, .enpcontent, paragraphs) }
        }
        if body == nil {
            for (node, source) in [(scan.founderContent, .founderContent), (scan.ozoom, .ozoom)]
                as [(Node?, Article.BodySource)]
            {
                guard let node else { continue }
                let paragraphs = Paragraphs.collect(node, markers: false)
                if Self.hanCount(paragraphs) >= Self.minArticleHan {
                    body = (node, source, paragraphs)
                    break
                }
            }
        }
        if body == nil, let block = LargestBlock.find(root) {
            let paragraphs = Paragraphs.collect(block, markers: false)
            if Self.hanCount(paragraphs) >= Self.minArticleHan { body = (block, .largestBlock, paragraphs) }
        }
        guard let (bodyNode, source, paragraphs) = body else { return nil }

        let headline = [meta["title"], scan.firstH1, scan.title].compactMap { $0 }.first { !$0.isEmpty }
        let byline = meta["author"].flatMap { $0.isEmpty ? nil : $0 }
        var date = meta["date"].flatMap { DatePatterns.parseField($0, origin: .html) }
        if date == nil { date = scan.metaDate.flatMap { DatePatterns.parseField($0, origin: .html) } }
        if date == nil {
            let anchor = source == .enpcontent ? scan.contentStart ?? bodyNode : bodyNode
            let header = HeaderText.before(anchor, in: root)
            if let m = DatePatterns.matches(in: header).first(where: { $0.day != nil }) {
                date = PageDate(year: m.year, month: m.month, day: m.day, origin: .html)
            }
        }
        var bodyParagraphs = paragraphs
        if let headline, bodyParagraphs.first == headline { bodyParagraphs.removeFirst() }
        return Article(
            headline: headline, byline: byline, paragraphs: bodyParagraphs, bodySource: source, date: date,
            url: scan.url)
    }

    static func hanCount(_ paragraphs: [String]) -> Int {
        var n = 0
        for p in paragraphs { for s in p.unicodeScalars where ScalarClass.isHan(s.value) { n += 1 } }
        return n
    }
}

private typealias Node = UnsafeMutablePointer<xmlNode>

/// Tags whose content is never article text.
private let skippedTags: Set<String> = [
    "script", "style", "noscript", "template", "select", "option", "textarea", "button", "iframe", "object",
    "head", "map",
]
/// Tags that are navigation or page furniture, skipped by the largest-block fallback.
private let furnitureTags: Set<String> = ["nav", "header", "footer", "aside", "form", "menu"]
/// Tags that end a paragraph.
private let blockTags: Set<String> = [
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
    "section", "article", "blockquote", "founder-content", "dd", "dt", "hr", "center", "pre",
]

private func name(_ node: Node) -> String {
    guard let n = node.pointee.name else { return "" }
    return String(cString: n).lowercased()
}

private func attribute(_ node: Node, _ key: String) -> String? {
    var attr = node.pointee.properties
    while let a = attr {
        if let n = a.pointee.name, String(cString: n).lowercased() == key {
            var value = ""
            var child = a.pointee.children
            while let c = child {
                if let content = c.pointee.content { value += String(cString: content) }
                child = c.pointee.next
            }
            return value
        }
        attr = a.pointee.next
    }
    return nil
}

private func content(_ node: Node) -> String {
    node.pointee.content.map { String(cString: $0) } ?? ""
}

private func isFurniture(_ node: Node) -> Bool {
    if furnitureTags.contains(name(node)) { return true }
    let label = ((attribute(node, "id") ?? "") + " " + (attribute(node, "class") ?? "")).lowercased()
    return label.contains("nav") || label.contains("menu")
}

/// Visible text of a subtree, whitespace collapsed and trimmed.
private func plainText(_ node: Node) -> String {
    var builder = ParagraphBuilder()
    func walk(_ n: Node) {
        switch n.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: builder.append(content(n))
        case XML_ELEMENT_NODE:
            if skippedTags.contains(name(n)) { return }
            var child = n.pointee.children
            while let c = child {
                walk(c)
                child = c.pointee.next
            }
        default: break
        }
    }
    walk(node)
    builder.finish()
    return builder.paragraphs.joined(separator: " ")
}

/// One pass over the page collecting metadata and candidate containers.
private struct Scan {
    var properties: [String: String] = [:]
    var hasContentMarkers = false
    var contentStart: Node?
    var founderContent: Node?
    var ozoom: Node?
    var title: String?
    var firstH1: String?
    var metaDate: String?
    var url: String?

    private static let propertyKeys = ["title", "author", "date", "subtitle", "introtitle"]
    private static let dateMetaNames: Set<String> = [
        "publishdate", "pubdate", "publish_date", "date", "article:published_time", "dc.date",
    ]

    mutating func visit(_ node: Node) {
        switch node.pointee.type {
        case XML_COMMENT_NODE:
            let text = DatePatterns.trimmed(content(node)).lowercased()
            if text.hasPrefix("enpproperty") {
                let raw = content(node)
                for key in Self.propertyKeys where properties[key] == nil {
                    if let value = Self.tagValue(raw, key) { properties[key] = value }
                }
            } else if text == "enpcontent" {
                hasContentMarkers = true
                if contentStart == nil { contentStart = node }
            }
        case XML_ELEMENT_NODE:
            let tag = name(node)
            switch tag {
            case "title" where title == nil: title = nonEmpty(plainText(node))
            case "h1" where firstH1 == nil: firstH1 = nonEmpty(plainText(node))
            case "founder-content" where founderContent == nil: founderContent = node
            case "meta":
                let key = (attribute(node, "name") ?? attribute(node, "property") ?? "").lowercased()
                if metaDate == nil, Self.dateMetaNames.contains(key) { metaDate = attribute(node, "content") }
                if url == nil, key == "og:url" { url = attribute(node, "content").flatMap(nonEmpty) }
            case "link":
                if url == nil, attribute(node, "rel")?.lowercased() == "canonical" {
                    url = attribute(node, "href").flatMap(nonEmpty)
                }
            default: break
            }
            if ozoom == nil, attribute(node, "id")?.lowercased() == "ozoom" { ozoom = node }
            if tag == "script" || tag == "style" { return }
            var child = node.pointee.children
            while let c = child {
                visit(c)
                child = c.pointee.next
            }
        default: break
        }
    }

    /// `<key>value</key>` inside the enpproperty comment, trimmed.
    static func tagValue(_ raw: String, _ key: String) -> String? {
        guard let open = raw.range(of: "<\(key)>"),
            let close = raw.range(of: "</\(key)>", range: open.upperBound..<raw.endIndex)
        else { return nil }
        return nonEmpty(unescape(String(raw[open.upperBound..<close.lowerBound])))
    }

    /// The few entities a comment's text may carry (a comment is not entity-decoded by libxml2).
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let entities: [(String, Unicode.Scalar)] = [
            ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&"),
        ]
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        next: while i < scalars.count {
            if scalars[i] == "&" {
                for (entity, replacement) in entities {
                    let e = Array(entity.unicodeScalars)
                    if i + e.count <= scalars.count, scalars[i..<i + e.count].elementsEqual(e) {
                        out.append(replacement)
                        i += e.count
                        continue next
                    }
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }
}

private func nonEmpty(_ s: String) -> String? {
    let t = DatePatterns.trimmed(s)
    return t.isEmpty ? nil : t
}

/// Builds paragraphs from text pieces: source line wraps between Chinese characters
/// vanish, other whitespace runs become one space, ends are trimmed (including
/// `&nbsp;` and the full-width indent `　　`).
private struct ParagraphBuilder {
    var paragraphs: [String] = []
    private var current = String.UnicodeScalarView()

    mutating func append(_ text: String) { current.append(contentsOf: text.unicodeScalars) }

    mutating func finish() {
        defer { current = String.UnicodeScalarView() }
        let scalars = Array(current)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            guard v == 0x20 || (0x09...0x0D).contains(v) else {
                out.append(scalars[i])
                i += 1
                continue
            }
            var j = i
            var sawBreak = false
            while j < scalars.count, scalars[j].value == 0x20 || (0x09...0x0D).contains(scalars[j].value) {
                if scalars[j].value != 0x20 { sawBreak = true }
                j += 1
            }
            let before = out.last?.value ?? 0
            let after = j < scalars.count ? scalars[j].value : 0
            if !(sawBreak && before > 0x7F && after > 0x7F) { out.append(" ") }
            i = j
        }
        let text = DatePatterns.trimmed(String(out))
        if !text.isEmpty { paragraphs.append(text) }
    }
}

/// Paragraphs of a subtree: block elements and `<br>` end paragraphs.
private enum Paragraphs {
    /// With `markers`, only text between `<!--enpcontent-->` and `<!--/enpcontent-->`.
    static func collect(_ root: Node, markers: Bool) -> [String] {
        var builder = ParagraphBuilder()
        var inside = !markers
        func walk(_ n: Node) {
            switch n.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if inside { builder.append(content(n)) }
            case XML_COMMENT_NODE:
                guard markers else { return }
                let text = DatePatterns.trimmed(content(n)).lowercased()
                if text == "enpcontent" {
                    inside = true
                } else if text == "/enpcontent" {
                    builder.finish()
                    inside = false
                }
            case XML_ELEMENT_NODE:
                let tag = name(n)
                if skippedTags.contains(tag) { return }
                let block = blockTags.contains(tag)
                if block { builder.finish() }
                var child = n.pointee.children
                while let c = child {
                    walk(c)
                    child = c.pointee.next
                }
                if block { builder.finish() }
            default: break
            }
        }
        walk(root)
        builder.finish()
        return builder.paragraphs
    }
}

/// The fallback: the element whose `<p>` children and own text hold the most Han.
private enum LargestBlock {
    static func find(_ root: Node) -> Node? {
        var best: (node: Node, score: Int)?
        func walk(_ n: Node) {
            guard n.pointee.type == XML_ELEMENT_NODE else { return }
            let tag = name(n)
            if skippedTags.contains(tag) || isFurniture(n) { return }
            var score = 0
            var child = n.pointee.children
            while let c = child {
                if c.pointee.type == XML_TEXT_NODE {
                    score += han(content(c))
                } else if c.pointee.type == XML_ELEMENT_NODE && name(c) == "p" {
                    score += hanOutsideLinks(c)
                }
                child = c.pointee.next
            }
            if score > (best?.score ?? 0) { best = (n, score) }
            child = n.pointee.children
            while let c = child {
                walk(c)
                child = c.pointee.next
            }
        }
        walk(root)
        return best?.node
    }

    private static func han(_ text: String) -> Int {
        var n = 0
        for s in text.unicodeScalars where ScalarClass.isHan(s.value) { n += 1 }
        return n
    }

    private static func hanOutsideLinks(_ node: Node) -> Int {
        var n = 0
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_TEXT_NODE {
                n += han(content(c))
            } else if c.pointee.type == XML_ELEMENT_NODE, name(c) != "a", !skippedTags.contains(name(c)) {
                n += hanOutsideLinks(c)
            }
            child = c.pointee.next
        }
        return n
    }
}

/// Visible text before a node in document order (the page's header area), capped.
private enum HeaderText {
    static let limit = 4000

    static func before(_ anchor: Node, in root: Node) -> String {
        var text = ""
        var done = false
        func walk(_ n: Node) {
            if done { return }
            if n == anchor || text.unicodeScalars.count > limit {
                done = true
                return
            }
            switch n.pointee.type {
            case XML_TEXT_NODE: text += content(n) + " "
            case XML_ELEMENT_NODE:
                if skippedTags.contains(name(n)) { return }
                var child = n.pointee.children
                while let c = child {
                    walk(c)
                    if done { return }
                    child = c.pointee.next
                }
            default: break
            }
        }
        walk(root)
        return text
    }
}
