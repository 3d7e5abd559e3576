/// Reads the institution written before a title word (`金华市公安局` before
/// `副局长`, `市委` before `常委`) and turns a written title into the post it
/// names: role, canonical institution, jurisdiction.
struct TitleReader: Sendable {
    let ontology: Ontology

    /// A title word with the institution chain written before it.
    struct Written {
        var range: Range<Int>  // the whole title as written
        var roleRange: Range<Int>  // the title word itself
        var title: Ontology.Title
        var chain: [Ontology.ChainPiece]  // institution pieces, in reading order
        var former = false  // written after 原 / 时任 / 前任
        /// The place a bare prefix refers to when the same committee was just
        /// named in full (`中共金华市委及市委书记`: 金华市), else nil (the home).
        var antecedent: String? = nil
    }

    /// Bare prefixes that name a town-level unit: a name of two to four
    /// characters written before one is that town (`红军镇`, `南大街街道`).
    static let townPrefixes: Set<String> = ["镇", "乡", "街道", "苏木", "新区"]

    /// Words that may stand just before an institution without being part of
    /// its name (`出席的政法委书记`, `原纪委书记`): beside these, a chain of
    /// units that reaches an ideograph is the tail of a longer name
    /// (`市政协提案委` is not `委`, `浙大党委` is not the home's `党委`).
    private static let institutionPreceders: ScalarSet = ScalarClass.namePreceders.union(
        ScalarSet("的是为任原前兼暨时并即有".unicodeScalars))

    /// Characters that never stand in the name of a town read before 镇/乡/街道.
    private static let nonTown: ScalarSet = ScalarSet("的了在是和等及与对把被从向就也都又还要将说各每全本我该其此乡镇任到赴往访察研".unicodeScalars)

    /// Characters before 区 that make it the end of a zone's name (示范区,
    /// 园区, 社区, 景区, 片区, 试验区, 合作区, 保税区, 港区), not the bare prefix.
    private static let zoneEnds: ScalarSet = ScalarSet("范园社景片验作税港".unicodeScalars)

    /// Connectives after which a bare prefix may refer to the committee named just before.
    private static let antecedentJoins: ScalarSet = ScalarSet("及暨和与、".unicodeScalars)

    /// Words before a title that make it a post held before the article.
    static let formerPrefixes = ["时任", "前任", "原"]
    private static let formerPrefixScalars = formerPrefixes.map(\.scalarArray)

    /// The most institution pieces read back before a title.
    static let maxChainPieces = 8

    /// The title whose word occupies `roleRange`, extended backwards over the
    /// places and institutions written before it.
    func read(_ s: [Unicode.Scalar], roleRange: Range<Int>, title: Ontology.Title, lowerLimit: Int) -> Written {
        var k = roleRange.lowerBound
        var chain: [Ontology.ChainPiece] = []
        // 县政协原主席, 省委原副书记: 原 between the institution and the title.
        var formerInside = false
        if k - 1 > lowerLimit, s[k - 1] == "原",
            let m = ontology.chainBackward.longestMatch(in: s, at: k - 1, limit: lowerLimit..<s.count),
            case .unit = m.payload
        {
            k -= 1
            formerInside = true
        }
        // At most `maxChainPieces` pieces (`金华市公安局某某分局某某派出所` has four):
        // a run of unit words (`公安局公安局…`) is not read back to its start.
        var insideLongerName = false
        while k > lowerLimit, chain.count < Self.maxChainPieces,
            let m = ontology.chainBackward.longestMatch(in: s, at: k, limit: lowerLimit..<s.count)
        {
            // `县教育局党委书记`: a jurisdiction's own committee after another
            // unit is that unit's, an institution we do not name.
            if case .unit = m.payload, case .unit(let first)? = chain.first, first.isTopLevel {
                insideLongerName = true
                break
            }
            // A bare prefix (市, 县) only counts in front of an institution,
            // or of a contracted title that implies one (`市公安局长`).
            if case .prefix = m.payload, chain.isEmpty, !Self.isContracted(title) { break }
            // A short form right before the title after a surname is a name
            // (`李文成副市长` is not 文成县's 副市长).
            if case .place(let name) = m.payload, chain.isEmpty, k - m.length > lowerLimit,
                ontology.singleSurnames.contains(s[k - m.length - 1].value),
                name.unicodeScalars.count != m.length
            {
                break
            }
            if case .place = m.payload, !ontology.placeStands(s, at: k - m.length, length: m.length) { break }
            chain.insert(m.payload, at: 0)
            k -= m.length
            if case .place = m.payload { break }
            if case .prefix = m.payload { break }
        }
        // 浙江省金华市委, 新疆维吾尔自治区伊犁哈萨克自治州人大常委会: the places
        // that enclose the first one are part of the title as written.
        while case .place(let name)? = chain.first, k > lowerLimit,
            let m = ontology.chainBackward.longestMatch(in: s, at: k, limit: lowerLimit..<s.count),
            case .place(let outer) = m.payload, ontology.ancestors(of: name).contains(outer)
        {
            chain.insert(m.payload, at: 0)
            k -= m.length
        }
        var antecedent: String?
        if case .prefix(let p)? = chain.first {
            let level = p.unicodeScalars.count == 1 ? p.unicodeScalars.first : nil
            if let level, Self.levelPrefixes.contains(level), k > lowerLimit,
                let m = ontology.chainBackward.longestMatch(in: s, at: k, limit: lowerLimit..<s.count),
                case .place(let name) = m.payload, Self.hasSuffix(name, level),
                ontology.placeStands(s, at: k - m.length, length: m.length)
            {
                // 和县县委, 永康市市委: the place, written again as its level.
                chain[0] = .place(name)
                k -= m.length
            } else if Self.townPrefixes.contains(p), let town = townName(s, endingAt: k, lowerLimit: lowerLimit) {
                // 红军镇党委书记, 吴川市王村港镇党委书记: the town, and the place before it.
                chain[0] = .place(String(String.UnicodeScalarView(s[town.name])) + p)
                k = town.name.lowerBound
                if let place = town.place {
                    chain.insert(.place(place.name), at: 0)
                    k = place.start
                }
            } else if k - 1 > lowerLimit, Self.antecedentJoins.contains(s[k - 1]) {
                antecedent = committeePlace(s, endingAt: k - 1, lowerLimit: lowerLimit, level: p)
            }
        }
        // Units reached back to an ideograph that is no place, prefix or
        // connective: the tail of a longer institution's name. Read it whole
        // below. So is a bare 区 ending the name of a zone (示范区, 园区, 社区).
        let zone: Bool
        if case .prefix("区")? = chain.first, k > lowerLimit, Self.zoneEnds.contains(s[k - 1]) {
            zone = true
        } else {
            zone = false
        }
        if zone || insideLongerName
            || !chain.isEmpty && !namesJurisdiction(chain) && k > lowerLimit && ScalarClass.isIdeograph(s[k - 1])
                && !Self.institutionPreceders.contains(s[k - 1])
        {
            chain = []
            k = roleRange.lowerBound
        }
        // 中共金华市委书记: the party's name before the committee is part of the title.
        if namesJurisdiction(chain), k - 2 >= lowerLimit, s[k - 2] == "中", s[k - 1] == "共" {
            k -= 2
        }
        // An institution missing from the lexicon (`…五金产业发展局`): reach back
        // over its name to the clause start or a place, at most 16 characters.
        if chain.isEmpty, title.titleClass == .post, k > lowerLimit,
            ScalarClass.institutionSuffixes.contains(s[k - 1])
        {
            var j = k - 1
            var placeStart: Int?
            while j > lowerLimit, k - j < 16, ScalarClass.isIdeograph(s[j - 1]),
                !ScalarClass.namePreceders.contains(s[j - 1])
            {
                if let m = ontology.chainBackward.longestMatch(in: s, at: j, limit: lowerLimit..<s.count),
                    case .place = m.payload
                {
                    placeStart = j - m.length
                    break
                }
                j -= 1
            }
            // A party or institution written before the place (`农工党永康基层委员会`).
            if let p = placeStart, p > lowerLimit,
                let m = ontology.chainBackward.longestMatch(in: s, at: p, limit: lowerLimit..<s.count),
                case .unit(let unit) = m.payload, unit.standalone
            {
                placeStart = p - m.length
            }
            let start = placeStart ?? j
            let bounded =
                start == lowerLimit || !ScalarClass.isIdeograph(s[start - 1])
                || ScalarClass.namePreceders.contains(s[start - 1])
            if placeStart != nil || bounded, start < k - 1 {
                k = start
            }
        }
        // 原市委书记, 时任副市长, 前任局长: a post held before, kept in the title as written.
        var former = formerInside
        for p in Self.formerPrefixScalars where !former {
            if k - p.count >= lowerLimit, s[(k - p.count)..<k].elementsEqual(p) {
                k -= p.count
                former = true
                break
            }
        }
        return Written(
            range: k..<roleRange.upperBound, roleRange: roleRange, title: title, chain: chain, former: former,
            antecedent: antecedent)
    }

    /// A contracted title that implies its unit (`公安局长` for 公安局 + 局长,
    /// `统战部长`): a bare prefix before it names the unit's jurisdiction.
    static func isContracted(_ title: Ontology.Title) -> Bool {
        title.implies != nil && title.role != title.text && title.titleClass == .post
    }

    /// The name of a town written just before its 镇/乡/街道 at `end`: two to
    /// four characters back to a boundary (punctuation, a connective, the
    /// segment start) or to a place (`吴川市王村港镇`), which is returned too.
    private func townName(_ s: [Unicode.Scalar], endingAt end: Int, lowerLimit: Int)
        -> (name: Range<Int>, place: (name: String, start: Int)?)?
    {
        var j = end
        while j > lowerLimit, end - j < 4, ScalarClass.isIdeograph(s[j - 1]),
            !Self.nonTown.contains(s[j - 1]), !ScalarClass.namePreceders.contains(s[j - 1])
        {
            j -= 1
            if end - j >= 2, let m = ontology.chainBackward.longestMatch(in: s, at: j, limit: lowerLimit..<s.count),
                case .place(let name) = m.payload, ontology.placeStands(s, at: j - m.length, length: m.length)
            {
                return (j..<end, (name, j - m.length))
            }
        }
        guard end - j >= 2 else { return nil }
        let bounded =
            j == lowerLimit || !ScalarClass.isIdeograph(s[j - 1]) || Self.nonTown.contains(s[j - 1])
            || ScalarClass.namePreceders.contains(s[j - 1])
        return bounded ? (j..<end, nil) : nil
    }

    /// The place of a committee named in full just before `end`
    /// (`中共金华市委` before `及市委书记`), when its level is the prefix's.
    private func committeePlace(_ s: [Unicode.Scalar], endingAt end: Int, lowerLimit: Int, level: String) -> String? {
        var k = end
        var sawUnit = false
        while k > lowerLimit, let m = ontology.chainBackward.longestMatch(in: s, at: k, limit: lowerLimit..<s.count) {
            switch m.payload {
            case .unit:
                sawUnit = true
                k -= m.length
            case .place(let name):
                guard sawUnit, let last = level.unicodeScalars.last, Self.hasSuffix(name, last) else { return nil }
                return name
            case .prefix:
                return nil
            }
        }
        return nil
    }

    /// Whether the title names its own jurisdiction (a place or 市/省 … before it).
    func namesJurisdiction(_ w: Written) -> Bool { namesJurisdiction(w.chain) }

    /// Whether the title names its place by a bare prefix of the level of
    /// `place` (`市` after `金华市委书记、`): in a run, that prefix repeats the
    /// place just written, as `市人大常委会主任` does in
    /// `金华市委书记、市人大常委会主任`.
    func prefixRepeats(_ w: Written, place: String?) -> Bool {
        guard let place, case .prefix(let p)? = w.chain.first, p.unicodeScalars.count == 1,
            let level = p.unicodeScalars.first, Self.levelPrefixes.contains(level)
        else { return false }
        return Self.hasSuffix(place, level)
    }

    /// Bare prefixes that stand for a place of their level (`市委`, `县政府`).
    static let levelPrefixes: ScalarSet = ScalarSet("市县区州旗盟".unicodeScalars)

    /// Whether a chain holds a place or a prefix.
    func namesJurisdiction(_ chain: [Ontology.ChainPiece]) -> Bool {
        chain.contains { piece in
            switch piece {
            case .place, .prefix: return true
            case .unit: return false
            }
        }
    }

    /// The post a written title names, resolved against the home jurisdiction
    /// (or against the committee it repeats: `中共金华市委及市委书记`).
    func mention(_ w: Written, in text: MappedText, home: String?) -> TitleMention {
        let written = text.string(w.range)
        let home = w.antecedent ?? home
        var (org, jurisdiction) = resolve(chain: w.chain, home: home)
        if org == nil, let implied = w.title.implies {
            // A place written before a contracted title (`金华市统战部长`) wins over
            // the title's default scope.
            var j = jurisdiction ?? scopeJurisdiction(w.title.scope, home: home)
            // 县长 in a paper whose home is a 市 is some county's head, not the
            // city's: the level written in the title must match the home's.
            var unnamedLevel: String?
            if jurisdiction == nil, w.title.scope == "home", let level = Self.level(of: w.title.text),
                let h = j, !h.hasSuffix(level)
            {
                // 市长 in a county's or district's paper: its prefecture city's.
                let city = level == "市" ? prefixJurisdiction("市", home: h) : nil
                j = city
                unnamedLevel = city == nil ? level : nil
            }
            if unnamedLevel != nil {
                org = nil  // 县长 in a city paper: some county's, not one we can name
            } else if let unit = ontology.units[implied] {
                org = fill(unit.canonical, j: j, p: nil, unit: unit)
            } else {
                org = implied
            }
            jurisdiction = j
        }
        if org == nil, jurisdiction == nil, w.title.titleClass == .rank {
            jurisdiction = scopeJurisdiction(w.title.scope, home: home)
        }
        var mention = TitleMention(
            text: written, role: w.title.role, organization: org, jurisdiction: jurisdiction,
            isRank: w.title.titleClass == .rank, span: text.sourceRange(of: w.range))
        if w.former { mention.former = true }
        return mention
    }

    /// The level a head-of-government title names (`县` in 副县长), if any.
    static func level(of title: String) -> String? {
        for level in ["市", "县", "区", "州", "旗", "盟"] as [Unicode.Scalar] where title.unicodeScalars.contains(level) {
            return String(level)
        }
        return nil
    }

    /// The canonical institution and jurisdiction of a chain of pieces.
    func resolve(chain: [Ontology.ChainPiece], home: String?) -> (String?, String?) {
        var jurisdiction: String?
        var org: String?
        var sawUnit = false
        var unnamed: String?  // a bare 县/乡 that is not the paper's own level
        for piece in chain {
            switch piece {
            case .place(let name):
                jurisdiction = name
            case .prefix(let p):
                jurisdiction = prefixJurisdiction(p, home: home)
                if jurisdiction == nil { unnamed = p }
            case .unit(let unit):
                if unnamed != nil, jurisdiction == nil {
                    // 县委 in a city paper, 镇党委 with no town written: an
                    // institution we cannot name (no made-up `中共县委`).
                    org = nil
                    sawUnit = true
                    continue
                }
                if !sawUnit && jurisdiction == nil && !unit.standalone {
                    jurisdiction = home
                } else if !sawUnit && jurisdiction == nil {
                    jurisdiction =
                        Self.hasPlaceholder(unit.canonical, "J") || Self.hasPlaceholder(unit.parent, "J") ? home : nil
                }
                org = fill(unit.canonical, j: jurisdiction, p: org, unit: unit)
                sawUnit = true
            }
        }
        return (org, jurisdiction)
    }

    /// The jurisdiction a bare prefix refers to: 市/我市 the home city, 省 its
    /// province, 县/区 the home county or district when it is one; 市 in a
    /// county's or district's paper its prefecture city.
    ///
    /// `prefix` is one of the bare prefixes `Ontology` defines (市 县 区 省 镇 乡
    /// 我市 本市 全市 我县 本县 我区); its last character names the level, so
    /// that is all this compares (comparing CJK `String`s costs far more).
    func prefixJurisdiction(_ prefix: String, home: String?) -> String? {
        guard let home else { return nil }
        let scalars = prefix.unicodeScalars
        // 开发区, 高新区, 新区, 街道, 苏木: a zone or town the prefix does not name.
        if scalars.count >= 2, let first = scalars.first, "开高新街苏".unicodeScalars.contains(first) { return nil }
        switch Self.lastIdeograph(of: prefix) ?? scalars.last {
        case "省": return ontology.ancestors(of: home).first { ontology.level(of: $0) == "province" }
        case "镇", "乡": return nil
        case "县": return Self.hasSuffix(home, "县") ? home : nil
        case "区": return Self.hasSuffix(home, "区") ? home : nil
        case "州": return Self.hasSuffix(home, "州") ? home : nil
        case "旗": return Self.hasSuffix(home, "旗") ? home : nil
        case "盟": return Self.hasSuffix(home, "盟") ? home : nil
        default:
            if Self.hasSuffix(home, "市") { return home }
            // A county's or district's paper: its 市委, 市长 are its prefecture city's.
            return ontology.ancestors(of: home).first {
                ontology.level(of: $0) == "prefecture" && Self.hasSuffix($0, "市")
            }
        }
    }

    /// `text.hasSuffix(String(ideograph))` for a CJK ideograph, decided from
    /// the last scalars' UTF-8 when they are ideographs (the last Character
    /// is then the last scalar alone); `String.hasSuffix` compares
    /// Characters and costs far more.
    static func hasSuffix(_ text: String, _ ideograph: Unicode.Scalar) -> Bool {
        if let last = lastIdeograph(of: text) { return last == ideograph }
        return text.hasSuffix(String(ideograph))
    }

    /// The last scalar of `text` when it is a CJK ideograph that is a whole
    /// Character (the text is that one scalar, or an ideograph comes before
    /// it); nil otherwise, and the caller decides the slow way.
    static func lastIdeograph(of text: String) -> Unicode.Scalar? {
        var text = text
        return text.withUTF8 { u -> Unicode.Scalar? in
            /// The ideograph whose three UTF-8 bytes end at `end`, if any.
            func ideograph(endingAt end: Int) -> Unicode.Scalar? {
                guard end >= 3, u[end - 3] & 0xF0 == 0xE0, u[end - 2] & 0xC0 == 0x80, u[end - 1] & 0xC0 == 0x80
                else { return nil }
                let v = UInt32(u[end - 3] & 0x0F) << 12 | UInt32(u[end - 2] & 0x3F) << 6 | UInt32(u[end - 1] & 0x3F)
                return (0x3400...0x9FFF).contains(v) ? Unicode.Scalar(v) : nil
            }
            guard let last = ideograph(endingAt: u.count) else { return nil }
            return u.count == 3 || ideograph(endingAt: u.count - 3) != nil ? last : nil
        }
    }

    private func scopeJurisdiction(_ scope: String?, home: String?) -> String? {
        switch scope {
        case "home": return home
        case "province":
            return home.flatMap { h in ontology.ancestors(of: h).first { ontology.level(of: $0) == "province" } }
        case "nation": return "中国"
        default: return nil
        }
    }

    /// Fills a canonical-name template: `{J}` the jurisdiction, `{P}` the parent.
    ///
    /// Returns nil when the name needs a jurisdiction nobody knows (`组织部`
    /// on a page that names no county, with no `--home`): an unknown
    /// institution, rather than a made-up name that would not match the real one.
    func fill(_ template: String, j: String?, p: String?, unit: Ontology.Unit) -> String? {
        guard Self.hasPlaceholder(template) else { return template }
        var parent = p
        if parent == nil, let pt = unit.parent {
            guard j != nil || !Self.hasPlaceholder(pt, "J") else { return nil }
            parent = Self.substitute(pt, j: j ?? "", p: "")
        }
        guard j != nil || !Self.hasPlaceholder(template, "J") else { return nil }
        if Self.hasPlaceholder(template, "P") && parent == nil { return nil }
        return Self.substitute(template, j: j ?? "", p: parent ?? "")
    }

    /// Replaces `{J}` and `{P}` in one pass over the template's UTF-8.
    static func substitute(_ template: String, j: String, p: String) -> String {
        guard hasPlaceholder(template) else { return template }
        var template = template
        var j = j
        var p = p
        return template.withUTF8 { t in
            j.withUTF8 { j in
                p.withUTF8 { p in
                    /// Whether a placeholder starts at `i`, and the text it stands for.
                    func placeholder(at i: Int) -> UnsafeBufferPointer<UInt8>? {
                        guard t[i] == UInt8(ascii: "{"), i + 2 < t.count, t[i + 2] == UInt8(ascii: "}") else {
                            return nil
                        }
                        switch t[i + 1] {
                        case UInt8(ascii: "J"): return j
                        case UInt8(ascii: "P"): return p
                        default: return nil
                        }
                    }
                    // Measured first, then written straight into the new string.
                    var count = 0
                    var i = 0
                    while i < t.count {
                        if let text = placeholder(at: i) {
                            count += text.count
                            i += 3
                        } else {
                            count += 1
                            i += 1
                        }
                    }
                    return String(unsafeUninitializedCapacity: count) { out in
                        var k = 0
                        var i = 0
                        while i < t.count {
                            if let text = placeholder(at: i) {
                                for b in text {
                                    out[k] = b
                                    k += 1
                                }
                                i += 3
                            } else {
                                out[k] = t[i]
                                k += 1
                                i += 1
                            }
                        }
                        return k
                    }
                }
            }
        }
    }

    /// Whether `template` holds `{letter}` (any `{` when `letter` is nil),
    /// by one pass over its UTF-8; Foundation's `contains` costs far more.
    static func hasPlaceholder(_ template: String?, _ letter: Unicode.Scalar? = nil) -> Bool {
        guard var template else { return false }
        return template.withUTF8 { t in
            guard let letter else { return t.contains(UInt8(ascii: "{")) }
            let l = UInt8(truncatingIfNeeded: letter.value)
            var i = 0
            while i + 2 < t.count {
                if t[i] == UInt8(ascii: "{"), t[i + 1] == l, t[i + 2] == UInt8(ascii: "}") { return true }
                i += 1
            }
            return false
        }
    }
}
