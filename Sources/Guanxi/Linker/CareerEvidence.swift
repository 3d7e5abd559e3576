import Foundation

/// Weighs whether two clusters of one name are one person: a Fellegi–Sunter
/// style sum of log₂ likelihood ratios (bits) over independent kinds of
/// evidence, each kept with a sentence saying what it saw.
///
/// - name: how common the name is (a prior): surname rank from
///   `surnames.tsv` and the length of the given name;
/// - jurisdictions: same, nested, neighbours in one prefecture, one province,
///   far apart (from `places.tsv`);
/// - time: head posts (书记, 县长…) of two places held over overlapping
///   months are two people; posts of two places at once weigh heavily against;
/// - career order: a later post far below an earlier one weighs against; a
///   step up (副职 → 正职, county → prefecture) or the same post weighs for.
///
/// Clusters whose sum reaches ``threshold`` are merged (see ``PersonLinker``).
/// `docs/linking.md` lists the weights.
struct CareerEvidence: Sendable {
    /// The bits a pair needs to be merged: posterior odds of 2 to 1.
    static let threshold = 1.0
    /// Officials a name is drawn among, for the name prior.
    static let population = 100_000.0
    /// People a name is drawn among when a cluster names no post.
    static let everyone = 1_000_000_000.0
    /// The most a rare name says on its own: one in 64 that a namesake exists.
    static let maxNameBits = 6.0

    let gazetteer: CareerGazetteer

    init(gazetteer: CareerGazetteer = .shared) {
        self.gazetteer = gazetteer
    }

    /// One piece of evidence: its weight in bits and what it saw.
    struct Item: Sendable, Hashable {
        var kind: String
        var bits: Double
        var note: String
    }

    /// A pair weighed: the evidence, and whether something rules the merge out.
    struct Score: Sendable {
        var items: [Item] = []
        /// Why the two cannot be one person, if something rules it out.
        var veto: String?

        var bits: Double { veto == nil ? items.reduce(0) { $0 + $1.bits } : -.infinity }
        var merges: Bool { veto == nil && bits >= CareerEvidence.threshold }

        /// `+3.2 bits: name 3.0 (…); career +2.0 (…)`.
        var summary: String {
            if let veto { return "ruled out: \(veto)" }
            let parts = items.map { "\($0.kind) \(Self.signed($0.bits)) (\($0.note))" }
            return "\(Self.signed(bits)) bits (threshold \(Self.signed(CareerEvidence.threshold))): "
                + parts.joined(separator: "; ")
        }

        static func signed(_ x: Double) -> String {
            let r = (x * 10).rounded() / 10
            return (r >= 0 ? "+" : "") + String(r)
        }
    }

    /// A post reduced to what career evidence compares.
    struct Point: Sendable, Hashable {
        /// Months since year 0 (`2018-03` → 2018×12+2); a year-only date is its middle.
        var month: Int
        /// Whether the date had a month.
        var precise: Bool
        /// Grade: level × 10 + class, as a range when the level is ambiguous (`市` is a county-level or a prefecture city).
        var low: Int
        var high: Int
        /// Head of its institution (书记 of a party committee, 县长, 市长…).
        var head: Bool
        var jurisdiction: String?
        var post: String
    }

    /// What a cluster's members say about its career: each post's first and
    /// last dated sighting, and the months it was seen in each place.
    struct Profile: Sendable {
        var points: [Point] = []
        var undated: [Point] = []
        var jurisdictions: Set<String> = []
        /// Per post (`place|role@institution`): first and last precisely dated month, and whether it is a head's.
        var spans: [String: Span] = [:]
        /// Posts named with their institution (`书记@中共开化县委`) → the title as written.
        var postKeys: [String: String] = [:]
        /// Former posts the text names (`原开化县委书记`, `时任…`), same keys.
        var former: [String: String] = [:]
        /// Names of people seen in the same articles (a sample of its mentions).
        var partners: Set<Int32> = []
        var partnerNames: PartnerLookup?
        var first: Int?
        var last: Int?
        /// Places among `jurisdictions` it may only have been in: the prefecture
        /// of a county-level city that a bare `市委书记` was placed in by the page's home.
        var possible: Set<String> = []
        /// Whether any member is named with a title (a post or a rank label): an official.
        var titled = false
        /// The highest grade it surely held (the low end of each post's grade).
        var top: Int?

        /// Months a cluster was seen holding a post in one place.
        struct Span: Sendable, Hashable {
            var first: Int
            var last: Int
            var head: Bool
            var post: String
            /// Its jurisdiction; nil: the key it is filed under.
            var place: String? = nil

            /// Widens the span to cover `other`, taking its post when it is a head's and this one's is not.
            mutating func absorb(first f: Int, last l: Int, head h: Bool, post p: String) {
                first = min(first, f)
                last = max(last, l)
                if h && !head {
                    head = true
                    post = p
                }
            }
        }

        init() {}

        /// How far below a mention's highest post another post named beside it
        /// may lie and still be held at once (`市委常委、副市长`, `县委副书记、县长`).
        static let concurrentSpread = 6

        /// `scope`: the place the cluster was put in (its own, or its paper's);
        /// `memo`: the grades and places of titles met before, shared by the
        /// profiles of one name (nil: this profile's own).
        init(
            _ members: [Int], _ mentions: [LinkMention], scope: String? = nil, partners lookup: PartnerLookup? = nil,
            evidence: CareerEvidence, memo: TitleMemo? = nil
        ) {
            if let lookup {
                // The first and last mentions: enough to see who worked beside them, bounded for the famous.
                let sample = members.count <= 32 ? members[...] : members.prefix(16) + members.suffix(16)
                for i in sample { partners.formUnion(lookup.partners(of: mentions[i].row)) }
                partnerNames = lookup
            }
            // A name's mentions repeat a few titles: each is graded and placed once.
            let memo = memo ?? TitleMemo()
            var byPost: [PointKey: Int] = [:]  // post → index of its first point; its last follows in `lasts`
            var lasts: [Point] = []
            // Posts, former posts and spans by their keys' numbers, with the keys' texts.
            var posts: [Int32: (key: String, written: String)] = [:]
            var formers: [Int32: (key: String, written: String)] = [:]
            var spansByKey: [Int32: (key: String, span: Span)] = [:]
            var lastSure: String?
            for i in members {
                let m = mentions[i]
                let keys = m.careerTitles
                let paper = memo.paper(m.paperHome)
                if !m.titles.isEmpty { titled = true }
                if let j = PersonLinker.ownJurisdiction(of: m) {
                    // A bare title the page's home placed may be of another level: its
                    // prefecture's; or, when the page of a county's paper was put in the
                    // prefecture, the county's (then the prefecture is not sure either).
                    var alternatives: [String] = []
                    var sure = true
                    for (k, t) in m.titles.enumerated() where t.jurisdiction == j {
                        let key = MemoKey(title: keys[k].number, paper: paper)
                        let places: [String]
                        if let known = memo.places[key] {
                            places = known
                        } else {
                            places = evidence.gazetteer.places(title: t.text, jurisdiction: j, paper: m.paperHome)
                            memo.places[key] = places
                        }
                        if places.count == 1 {
                            alternatives = []
                            sure = true
                            break
                        }
                        alternatives += places.dropFirst()
                        if evidence.gazetteer.levels[j] == 3 { sure = false }
                    }
                    if sure {
                        // Most mentions of a profile are of one place: it is inserted once.
                        if j != lastSure {
                            jurisdictions.insert(j)
                            lastSure = j
                        }
                    } else {
                        possible.insert(j)
                    }
                    if !alternatives.isEmpty { possible.formUnion(alternatives) }
                }
                let date = m.careerMonth
                if let d = date?.month {
                    first = min(first ?? d, d)
                    last = max(last ?? d, d)
                }
                for (k, t) in m.titles.enumerated() where keys[k].postKey >= 0 && posts.count + formers.count < 64 {
                    let key = keys[k].postKey
                    if t.former == true {
                        if formers[key] == nil { formers[key] = (keys[k].postKeyText!, t.text) }
                    } else {
                        if posts[key] == nil { posts[key] = (keys[k].postKeyText!, t.text) }
                    }
                }
                // Posts far below the highest one named beside them are a
                // résumé's (`历任…`), not held at the article's date.
                // Rank labels (`市领导`, `县领导`) name no post: they are no career step.
                // (The posts, ``LinkMention/posts``, by their places among the titles.)
                var graded: [(title: Int, grade: (low: Int, high: Int, head: Bool))] = []
                for (k, p) in m.titles.enumerated() where LinkTitles.isPost(p) {
                    let key = MemoKey(title: keys[k].number, paper: paper)
                    let grade: (low: Int, high: Int, head: Bool)?
                    if let known = memo.grades[key] {
                        grade = known
                    } else {
                        grade = evidence.grade(p, paper: m.paperHome)
                        memo.grades[key] = grade
                    }
                    if let grade { graded.append((k, grade)) }
                }
                let highest = graded.map(\.grade.high).max() ?? 0
                for (k, grade) in graded where grade.high >= highest - Self.concurrentSpread {
                    let p = m.titles[k]
                    if !p.isRank { top = max(top ?? grade.low, grade.low) }
                    let point = Point(
                        month: date?.month ?? 0, precise: date?.precise ?? false, low: grade.low, high: grade.high,
                        head: grade.head, jurisdiction: p.jurisdiction, post: p.text)
                    guard let date else {
                        if undated.count < 16, !undated.contains(point) { undated.append(point) }
                        continue
                    }
                    let key = PointKey(post: keys[k].point, precise: date.precise)
                    if let n = byPost[key] {
                        if point.month < points[n].month { points[n] = point }
                        if point.month > lasts[n].month { lasts[n] = point }
                    } else {
                        byPost[key] = points.count
                        points.append(point)
                        lasts.append(point)
                    }
                    if let j = p.jurisdiction, date.precise, !p.isRank {
                        // One span a post, not a place: a cadre may come back to a county years later.
                        let key = keys[k].span
                        var span =
                            spansByKey[key]?.span
                            ?? Span(first: date.month, last: date.month, head: false, post: p.text, place: j)
                        span.absorb(first: date.month, last: date.month, head: grade.head, post: p.text)
                        spansByKey[key] = (keys[k].spanText!, span)
                    }
                }
            }
            for (key, written) in posts.values { postKeys[key] = written }
            for (key, written) in formers.values { former[key] = written }
            for (key, span) in spansByKey.values { spans[key] = span }
            for (k, l) in lasts.enumerated() where l.month != points[k].month { points.append(l) }
            if let scope, !possible.contains(scope) { jurisdictions.insert(scope) }
            possible.subtract(jurisdictions)
            jurisdictions.formUnion(possible)
        }

        mutating func merge(_ other: Profile) {
            var seen = Set(points)
            for p in other.points where seen.insert(p).inserted { points.append(p) }
            for p in other.undated where undated.count < 16 && !undated.contains(p) { undated.append(p) }
            possible = possible.union(other.possible).subtracting(jurisdictions.subtracting(possible))
                .subtracting(other.jurisdictions.subtracting(other.possible))
            jurisdictions.formUnion(other.jurisdictions)
            postKeys.merge(other.postKeys) { a, _ in a }
            partners.formUnion(other.partners)
            former.merge(other.former) { a, _ in a }
            for (j, s) in other.spans {
                guard var mine = spans[j] else {
                    spans[j] = s
                    continue
                }
                mine.absorb(first: s.first, last: s.last, head: s.head, post: s.post)
                spans[j] = mine
            }
            if let f = other.first { first = min(first ?? f, f) }
            if let l = other.last { last = max(last ?? l, l) }
            if let t = other.top { top = max(top ?? t, t) }
            titled = titled || other.titled
        }
    }

    // MARK: - Weighing

    /// The evidence that clusters `a` and `b` of `name` are one person.
    func score(name: String, _ a: Profile, _ b: Profile) -> Score {
        var score = Score()
        score.items.append(namePrior(name, among: Self.population(a, b)))
        if let place = placeItem(a, b) { score.items.append(place) }
        if let veto = overlap(a, b) {
            score.veto = veto
            return score
        }
        let career = careerItem(a, b)
        if let career { score.items.append(career) }
        let statement = statementItem(a, b)
        if let statement { score.items.append(statement) }
        // Colleagues of one prefecture meet namesakes' colleagues too: there each partner says less.
        let near = score.items.first { $0.kind == "place" }.map { $0.bits >= 4 } ?? false
        let shared = partnerItem(a, b, near: near)
        if let shared { score.items.append(shared) }
        if score.items.count == 1 {
            score.items.append(
                Item(
                    kind: "alone", bits: Self.nameAlonePenalty,
                    note: "nothing but the name: no place, time, statement or partner links them"))
        }
        return score
    }

    /// What a pair linked by nothing but the name loses: only a name so rare
    /// that fewer than one official in 32 would share it (+5 bits) still joins them.
    static let nameAlonePenalty = -4.0

    /// The officials two clusters are drawn among: fewer when both held a
    /// prefecture's leading posts (a namesake at that level is rarer than
    /// one anywhere), as Splink adjusts for a term's frequency in its class.
    static func population(_ a: Profile, _ b: Profile) -> (count: Double, who: String) {
        // Someone named with no post may be anyone: a name shared by a thousand people is no official's.
        guard a.titled, b.titled else { return (everyone, "people") }
        let both = min(a.top ?? 0, b.top ?? 0)
        // A province's office (`省某某指挥部副总指挥`, grade 43) is no leading post:
        // only a post of class 5 (副市长) to 10 (书记, which fills the next ten) narrows the field.
        let leading = both % 10 == 0 || both % 10 >= 5
        if leading, both >= 38 { return (5_000, "heads of a prefecture or higher") }
        if leading, both >= 35 { return (20_000, "leaders of a prefecture or higher") }
        return (population, "officials")
    }

    /// How common the name is: the expected number of officials bearing it.
    func namePrior(
        _ name: String, among population: (count: Double, who: String) = (CareerEvidence.population, "officials")
    ) -> Item {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count >= 2 else { return Item(kind: "name", bits: -4, note: "one character") }
        let rank = gazetteer.surnameRanks[scalars[0]]
        let surnameShare = rank.map { 0.2 / Double($0 + 2) } ?? 0.0005
        let givenLength = scalars.count - 1
        let givenShare = givenLength == 1 ? 1.0 / 1_000 : 1.0 / 50_000
        let expected = population.count * surnameShare * givenShare
        let bits = min(Self.maxNameBits, max(-8, -log2(expected)))
        let surname = rank.map { "surname rank \($0)" } ?? "rare surname"
        return Item(
            kind: "name", bits: bits,
            note:
                "\(surname), \(givenLength)-character given name: \(Self.rounded(expected)) of \(Int(population.count)) "
                + "\(population.who) expected to share it")
    }

    private static func rounded(_ x: Double) -> String {
        x >= 10 ? String(Int(x.rounded())) : x < 0.1 ? "fewer than 0.1" : String((x * 10).rounded() / 10)
    }

    /// How their known jurisdictions relate: the nearest pair counts.
    func placeItem(_ a: Profile, _ b: Profile) -> Item? {
        guard !a.jurisdictions.isEmpty, !b.jurisdictions.isEmpty else { return nil }
        var best: (PlaceRelation, String, String)?
        let order: [PlaceRelation] = [.same, .nested, .samePrefecture, .sameProvince, .unrelated, .farApart]
        for x in a.jurisdictions.sorted() {
            for y in b.jurisdictions.sorted() {
                // A place a cluster only may be in (``Profile/possible``) is the same
                // as one the other was surely in; else no nearer than one prefecture.
                var r = gazetteer.relation(x, y)
                let maybeX = a.possible.contains(x), maybeY = b.possible.contains(y)
                if (maybeX || maybeY) && (x != y || (maybeX && maybeY)), r == .same || r == .nested {
                    r = .samePrefecture
                }
                if best == nil || order.firstIndex(of: r)! < order.firstIndex(of: best!.0)! { best = (r, x, y) }
            }
        }
        guard let (relation, x, y) = best else { return nil }
        let bits: Double =
            switch relation {
            case .same: 6
            case .nested: 5
            case .samePrefecture: 4
            case .sameProvince: 2
            case .unrelated: 0
            // A prefecture's heads are moved across provinces far more often than a county's cadres.
            case .farApart: min(a.top ?? 0, b.top ?? 0) >= 38 ? -1 : -3
            }
        return Item(kind: "place", bits: bits, note: relation == .same ? x : "\(x) and \(y): \(relation.rawValue)")
    }

    /// Posts of two unrelated places held in overlapping months: two
    /// people. Heads of two places overlapping by a month, any posts by
    /// six (a move leaves at most a month of old titles behind).
    func overlap(_ a: Profile, _ b: Profile) -> String? {
        guard let c = clash(a, b) else { return nil }
        return "\(c.p.post) of \(c.x) (\(Self.monthText(c.p.first)) … \(Self.monthText(c.p.last))) and "
            + "\(c.q.post) of \(c.y) (\(Self.monthText(c.q.first)) … \(Self.monthText(c.q.last))) held at once"
    }

    /// Two posts of unrelated places that ``overlap(_:_:)`` finds held at once: the first found.
    struct Clash {
        var p: Profile.Span
        var x: String
        var q: Profile.Span
        var y: String
        /// The months both were held: from the later start to the earlier end.
        var start: Int { max(p.first, q.first) }
        var end: Int { min(p.last, q.last) }
    }

    /// The first pair of posts that rules `a` and `b` out as one person (see ``overlap(_:_:)``).
    func clash(_ a: Profile, _ b: Profile) -> Clash? {
        for (kx, p) in a.spans.sorted(by: { $0.key < $1.key }) {
            for (ky, q) in b.spans.sorted(by: { $0.key < $1.key }) {
                let x = p.place ?? kx, y = q.place ?? ky
                guard x != y else { continue }
                let relation = gazetteer.relation(x, y)
                guard relation != .nested, relation != .same else { continue }
                let months = min(p.last, q.last) - max(p.first, q.first)
                // A sighting well inside the other's span (a month from either end) is no move's leftover.
                let inside = (q.first > p.first && q.last < p.last) || (p.first > q.first && p.last < q.last)
                // Any post seen in between another's sightings two months from either end is held at once.
                let wellInside =
                    (q.first >= p.first + 2 && q.last <= p.last - 2) || (p.first >= q.first + 2 && p.last <= q.last - 2)
                if (p.head && q.head && (months >= 1 || (months == 0 && inside))) || months >= 6 || wellInside {
                    return Clash(p: p, x: x, q: q, y: y)
                }
            }
        }
        return nil
    }

    /// The text says one held the other's post before (`原开化县委书记`, `时任…`).
    func statementItem(_ a: Profile, _ b: Profile) -> Item? {
        for (x, y) in [(a, b), (b, a)] {
            for (key, written) in x.former.sorted(by: { $0.key < $1.key }) {
                if let held = y.postKeys[key] {
                    return Item(
                        kind: "statement", bits: 5, note: "named as \(written), the post the other held (\(held))")
                }
            }
        }
        return nil
    }

    /// People named beside both: each shared partner +2, at most +6; in
    /// one prefecture (`near`), where colleagues are shared by all its
    /// cadres, +1 each, at most +2.
    func partnerItem(_ a: Profile, _ b: Profile, near: Bool = false) -> Item? {
        let shared = a.partners.intersection(b.partners)
        guard !shared.isEmpty else { return nil }
        let names = shared.map { a.partnerNames?.name($0) ?? "?" }.sorted()
        let shown = names.prefix(5).joined(separator: "、") + (names.count > 5 ? "…" : "")
        return Item(
            kind: "partners", bits: near ? min(2, Double(shared.count)) : min(6, 2 * Double(shared.count)),
            note: "\(shared.count) named beside both: \(shown)")
    }

    /// Career order: the merged posts in date order.
    func careerItem(_ a: Profile, _ b: Profile) -> Item? {
        guard !a.points.isEmpty, !b.points.isEmpty else { return nil }
        // The worst step down from a post of one to a later post of the other.
        var worst: (drop: Int, from: Point, to: Point)?
        var bestStep: (gain: Int, from: Point, to: Point)?
        var leap: (excess: Int, from: Point, to: Point)?
        for (earlierSide, laterSide) in [(a, b), (b, a)] {
            for p in earlierSide.points {
                for q in laterSide.points where q.month > p.month {
                    let drop = p.low - q.high
                    if drop >= 2, worst == nil || drop > worst!.drop { worst = (drop, p, q) }
                    // A rise faster than careers run: a level (10 grades) takes some five years.
                    let excess = (q.low - p.high) - Self.allowedRise(months: q.month - p.month)
                    if excess > 0, leap == nil || excess > leap!.excess { leap = (excess, p, q) }
                    if drop < 2 {
                        // The largest step the grades allow, within one level and a half;
                        // one more than six years on says less (a namesake's later post is as often higher).
                        let gain = q.month - p.month <= 72 ? min(q.high - p.low, 15) : min(q.high - p.low, 0)
                        if gain >= 0, bestStep == nil || gain > bestStep!.gain { bestStep = (gain, p, q) }
                    }
                }
            }
        }
        if let worst {
            return Item(
                kind: "career", bits: -Double(min(10, 3 + worst.drop)),
                note:
                    "\(worst.to.post) (\(Self.monthText(worst.to.month))) is below the earlier \(worst.from.post) (\(Self.monthText(worst.from.month)))"
            )
        }
        if let leap {
            return Item(
                kind: "career", bits: -Double(min(10, 3 + leap.excess / 2)),
                note:
                    "\(leap.to.post) (\(Self.monthText(leap.to.month))) is too far above the earlier \(leap.from.post) "
                    + "(\(Self.monthText(leap.from.month))) for the time between")
        }
        if let step = bestStep {
            let bits: Double = step.gain == 0 ? 1 : 2
            let what = step.gain == 0 ? "the same rank, or a rise over more than six years" : "a step up"
            return Item(
                kind: "career", bits: bits,
                note:
                    "\(step.from.post) (\(Self.monthText(step.from.month))) then \(step.to.post) (\(Self.monthText(step.to.month))): \(what)"
            )
        }
        return nil
    }

    /// The most grades a career rises in `months`: a step at once (a
    /// county's 书记 made a prefecture's 常委), then two grades a year.
    static func allowedRise(months: Int) -> Int { 6 + 2 * months / 12 }

    // MARK: - Grades

    /// A title (its ``CareerTitle/number``) on a page of a paper's home (its
    /// number in a ``TitleMemo``): what the memos of grades and places key on.
    struct MemoKey: Hashable {
        var title: Int32
        var paper: Int32
    }

    /// The grades and places of the titles a name's profiles meet, each
    /// worked out once for all of them: both depend on the title and the
    /// home of its paper alone. Used on one thread (a name is linked on one).
    final class TitleMemo {
        /// The papers' homes met, in order: a home's number is its place here.
        private var papers: [String?] = []
        var grades: [MemoKey: (low: Int, high: Int, head: Bool)?] = [:]
        var places: [MemoKey: [String]] = [:]

        init() {}

        /// The number of a paper's home (a name meets a few).
        func paper(_ home: String?) -> Int32 {
            if let k = papers.firstIndex(of: home) { return Int32(k) }
            papers.append(home)
            return Int32(papers.count - 1)
        }
    }

    /// A post (its ``CareerTitle/point``) and whether
    /// its date had a month: what a profile files its points under.
    struct PointKey: Hashable {
        var post: Int32
        var precise: Bool
    }

    /// A post's grade: level × 10 + class; nil when neither is known.
    func grade(_ p: TitleMention, paper: String? = nil) -> (low: Int, high: Int, head: Bool)? {
        let text = p.text
        let org = p.organization ?? ""
        let levels: ClosedRange<Int>
        if let j = p.jurisdiction, let l = gazetteer.levels[j] {
            let ls = gazetteer.places(title: text, jurisdiction: j, paper: paper).compactMap { gazetteer.levels[$0] }
            levels = (ls.min() ?? l)...(ls.max() ?? l)
        } else if let l = Self.levelFromText(text + org) {
            levels = l
        } else {
            return nil
        }
        let role = p.role
        // A committee's 委员 is every member's title, whatever their post: no grade.
        if role == "委员" || role == "成员" { return nil }
        // `县委副书记` with no institution resolved is still a party committee's.
        let party =
            org.hasPrefix("中共") || text.includes("委书记") || text.includes("委副书记") || text.includes("党委")
            || text.includes("党工委")
        let congress = org.includes("人民代表大会") || text.includes("人大")
        let conference = org.includes("政治协商") || text.includes("政协")
        let governmentHead =
            role.count <= 3 && role.hasSuffix("长") && !role.hasPrefix("副")
            && role.unicodeScalars.contains { "县市区省州旗".unicodeScalars.contains($0) }
        let cls: Int
        var head = false
        if p.isRank {
            cls = 5  // 市领导: one of the leaders, post unknown
        } else if role == "书记" && party && !text.includes("副") && !org.hasSuffix("委员会") && !text.includes("政法委")
            && !text.includes("纪委")
        {
            cls = 10
            head = true
        } else if role == "书记" && party && !text.includes("副") {
            cls = 6  // a commission's 书记 (政法委, 纪委): a standing committee member's post
        } else if governmentHead {
            cls = 8
            head = true
        } else if (role == "主任" && congress) || (role == "主席" && conference) {
            cls = 9
        } else if role == "副书记" && party {
            cls = 7
        } else if role == "常委" {
            cls = 6
        } else if role.hasPrefix("副")
            && (role.hasSuffix("县长") || role.hasSuffix("市长") || role.hasSuffix("区长") || role.hasSuffix("省长"))
            || (congress && role == "副主任") || (conference && role == "副主席") || role == "秘书长"
        {
            cls = 5
        } else {
            cls = role.hasPrefix("副") ? 3 : 4
        }
        return (levels.lowerBound * 10 + cls, levels.upperBound * 10 + cls, head)
    }

    /// The level a title's words imply when its jurisdiction is unknown.
    static func levelFromText(_ s: String) -> ClosedRange<Int>? {
        if s.includes("中央") || s.includes("国务院") || s.includes("全国") { return 5...5 }
        if s.includes("省") { return 4...4 }
        if s.includes("市") { return 2...3 }
        if s.includes("县") || s.includes("区") || s.includes("旗") { return 2...2 }
        if s.includes("镇") || s.includes("乡") || s.includes("街道") { return 1...1 }
        return nil
    }

    /// `2018-03-29` → (2018×12+2, true); `2018` → (2018×12+6, false).
    static func month(_ date: String) -> (month: Int, precise: Bool)? {
        let parts = date.split(separator: "-")
        guard let y = parts.first.flatMap({ Int($0) }) else { return nil }
        if parts.count >= 2, let m = Int(parts[1]) { return (y * 12 + m - 1, true) }
        return (y * 12 + 6, false)
    }

    static func monthText(_ m: Int) -> String {
        let month = m % 12 + 1
        return "\(m / 12)-\(month < 10 ? "0" : "")\(month)"
    }
}
