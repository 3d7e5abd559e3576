/// Finds the people and institutions an article names, driven by the lexicons
/// in `ontology/`, and decides what each person is in the story.
///
/// The rules, each tested in `ExtractorTests`:
/// - title then name (`市委书记金政`), runs of titles (`市委副书记、市长张群环`),
///   name then title (`卢轶副市长`);
/// - lists after a title or rank (`市领导甲、乙和丙`) and before one
///   (`甲、乙、丙等市领导`);
/// - bylines and photo credits (`首席记者 某某`, `记者 某某 摄`);
/// - citizens named for an honour (`甲、乙等6人入选`), or after an epithet
///   (`“快递小哥”某某`);
/// - names inside place names (`某某烈士陵园`) and figures of the past;
/// - leaders named in fixed ideology phrases (`…新时代中国特色社会主义思想`),
///   marked `referenced`;
/// - later bare mentions of a name established in the article, and
///   abbreviations (`习总书记`) of one.
public struct Extractor: Sendable {
    public let ontology: Ontology
    let names: NameReader
    let titleReader: TitleReader
    let organizations: OrganizationFinder
    /// Where each scan of an article may start, by scalar.
    let scanStarts: ScanStartTable

    public init(ontology: Ontology) {
        self.ontology = ontology
        self.names = NameReader(ontology: ontology)
        self.titleReader = TitleReader(ontology: ontology)
        self.organizations = OrganizationFinder(ontology: ontology, titles: titleReader)
        self.scanStarts = ScanStartTable([
            ontology.titles.firstScalars, ontology.citizenCueStarts, ontology.pastCueStarts,
            ontology.ideologyCues.firstScalars, organizations.wordAndTownEnds,
        ])
    }

    /// Everything each article of a page names, with `市`/`我市` read as the
    /// ontology's home jurisdiction, else the county the page names most (at
    /// least twice), else the one each article names most.
    public func extract(_ articles: [Article], on page: Page) -> [ArticleExtraction] {
        extract(articles, home: ontology.homeJurisdiction ?? pageHome(page))
    }

    /// Everything each article names, with `市`/`我市` read as `home` (a
    /// caller that already guessed the page's home); nil: the ontology's
    /// home, else the place each article names most.
    public func extract(_ articles: [Article], home: String?) -> [ArticleExtraction] {
        articles.map { extract($0, home: home) }
    }

    /// The county a page names most, if it names it at least twice.
    public func pageHome(_ page: Page) -> String? {
        let guesser = HomeJurisdiction(ontology: ontology)
        let scalars =
            TraditionalChinese.isTraditional([page.scalars])
            ? page.scalars.map(TraditionalChinese.simplified) : page.scalars
        let counts = guesser.counts([scalars])
        guard let best = guesser.best(counts), counts[best, default: 0] >= 2 else { return nil }
        return best
    }

    /// Everything the article names.
    /// - Parameter home: the jurisdiction `市`/`我市` refers to; defaults to the
    ///   ontology's, else to the place the article names most.
    ///
    /// An article in traditional script (`市委書記鄭立新`) is read in its
    /// simplified form, and each name and title is given back as written.
    public func extract(_ article: Article, home: String? = nil) -> ArticleExtraction {
        let written = [article.headline ?? .empty, article.byline ?? .empty, article.body]
        let traditional = TraditionalChinese.isTraditional(written.map(\.scalars))
        let segments = traditional ? written.map(TraditionalChinese.simplified) : written
        let home =
            home ?? ontology.homeJurisdiction ?? HomeJurisdiction(ontology: ontology).guess(segments.map(\.scalars))
        var pass = ArticlePass(extractor: self, segments: segments, home: home)
        pass.run()
        var people = pass.people()
        let cut = max(0, people.count - Self.maxPeoplePerArticle)
        people.removeLast(cut)
        if traditional { people = people.map(WrittenForms(segments: written).restore) }
        return ArticleExtraction(
            article: article, people: people, organizations: pass.institutions(), peopleCut: cut)
    }

    /// The most people kept for one article, in order of first mention.
    ///
    /// Every pair of officials in an article is a co-appearance edge, so an
    /// article naming n people costs n²/2 edges: 1,000 people make 499,500.
    /// The largest real lists (delegates, award rolls) stay well below it; a
    /// page beyond it (a pasted directory) keeps its first 1,000 names and
    /// ``ArticleExtraction/peopleCut`` says how many were left out.
    public static let maxPeoplePerArticle = 1_000
}

/// The names and titles of an article in traditional script as written: the
/// extractor reads the simplified fold, whose scalars stand one for one where
/// the written ones do.
struct WrittenForms {
    let segments: [MappedText]

    /// `person` with its name and titles as written at their first span.
    func restore(_ person: PersonMention) -> PersonMention {
        var person = person
        if let first = person.spans.first, let name = written(person.name, at: first.lowerBound) {
            person.name = name
        }
        for k in person.titles.indices {
            if let text = written(person.titles[k].text, at: person.titles[k].span.lowerBound) {
                person.titles[k].text = text
            }
        }
        return person
    }

    /// The written scalars that fold to `folded`, starting at page offset
    /// `offset`; nil when the text there is not `folded`'s fold.
    func written(_ folded: String, at offset: Int) -> String? {
        let want = folded.scalarArray
        for segment in segments {
            let offsets = segment.sourceOffsets
            guard let first = offsets.first, let last = offsets.last, first <= offset, offset <= last else { continue }
            var lo = 0
            var hi = offsets.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if offsets[mid] < offset { lo = mid + 1 } else { hi = mid }
            }
            guard lo + want.count <= segment.count else { return nil }
            let range = lo..<(lo + want.count)
            guard zip(segment.scalars[range], want).allSatisfy({ TraditionalChinese.simplified($0) == $1 }) else {
                return nil
            }
            return segment.string(range)
        }
        return nil
    }
}

/// Guesses the home jurisdiction of a text: the county-level place it names most.
public struct HomeJurisdiction: Sendable {
    let ontology: Ontology

    public init(ontology: Ontology) { self.ontology = ontology }

    /// Counts the county-level (else prefecture-level) places named in `texts`.
    /// A place the text travels to (`赴衢州市对接`, `前往某县考察`) counts
    /// once less, not once more: a paper mostly writes 赴 of the places its
    /// own people visit, and `来` of its home. Places whose count ends at
    /// zero or below are left out.
    public func counts(_ texts: [[Unicode.Scalar]]) -> [String: Int] {
        // Counted by lexicon entry first (an Int key), then summed by name:
        // hashing a place name per occurrence costs far more.
        var byEntry: [Int: Int] = [:]
        for s in texts {
            var i = 0
            while i < s.count {
                // Where no place name starts, the longest word is no place.
                i = ontology.placeStarts.firstIndex(in: s, from: i)
                guard i < s.count else { break }
                // Every place name has two scalars or more: most starts fail this bit test.
                if ontology.placePairs.mayStart(s, at: i),
                    let m = ontology.chainForward.longestMatchIndex(in: s, at: i),
                    ontology.chainForwardShapes[m.index] == .place, ontology.placeStands(s, at: i, length: m.length),
                    !Self.namesTown(s, after: i + m.length)
                {
                    byEntry[m.index, default: 0] += Self.isDestination(s, before: i) ? -1 : 1
                    i += m.length
                } else {
                    i += 1
                }
            }
        }
        var counts: [String: Int] = [:]
        for (entry, n) in byEntry {
            if case .place(let name) = ontology.chainForward.payload(at: entry) { counts[name, default: 0] += n }
        }
        return counts.filter { $0.value > 0 }
    }

    /// Whether the place starting at `start` is where the sentence goes
    /// (`赴`, `前往`, `奔赴`): the destination of a visit, not the home.
    static func isDestination(_ s: [Unicode.Scalar], before start: Int) -> Bool {
        guard start >= 1 else { return false }
        return s[start - 1] == "赴" || start >= 2 && s[start - 2] == "前" && s[start - 1] == "往"
    }

    /// Whether the place name ending at `end` is a town's or village's
    /// (`南丰镇`, `永联村`), which names no county: the county of that
    /// short name may lie in another province.
    static func namesTown(_ s: [Unicode.Scalar], after end: Int) -> Bool {
        end < s.count && (s[end] == "镇" || s[end] == "乡" || s[end] == "村" || s[end] == "街")
    }

    /// The county named most in `texts`, else the prefecture named most.
    public func guess(_ texts: [[Unicode.Scalar]]) -> String? {
        best(counts(texts))
    }

    /// The county-level place with the highest count, else the prefecture,
    /// unless a prefecture it is not in is named more often (ties go
    /// to the name that sorts first, so the guess is stable).
    public func best(_ counts: [String: Int]) -> String? {
        var county: (String, Int)?
        var prefecture: (String, Int)?
        for (name, n) in counts {
            switch ontology.level(of: name) {
            case "county":
                if county == nil || (n, county!.0) > (county!.1, name) { county = (name, n) }
            case "prefecture":
                if prefecture == nil || (n, prefecture!.0) > (prefecture!.1, name) { prefecture = (name, n) }
            default:
                continue
            }
        }
        // A prefecture named more often than a county outside it is the home
        // (a paper elsewhere naming a county in passing); a county paper names
        // its own prefecture often.
        if let p = prefecture, let c = county, p.1 > c.1, !ontology.ancestors(of: c.0).contains(p.0) { return p.0 }
        return county?.0 ?? prefecture?.0
    }
}
