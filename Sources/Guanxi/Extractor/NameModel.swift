/// The person-name model: how name-like each character is, as a surname and
/// in a given name, learned from a tagged dictionary (`ontology/names.tsv`,
/// written by `scripts/gen-name-model`).
///
/// Scores are log-odds × 10: how much more often a character starts a person
/// name (`surname`), or stands in a given name (`given`), than it stands in
/// ordinary words. `伟` scores 34 in a given name, `导` −27; `沃` (a rare
/// surname missing from `surnames.tsv`) scores 35 as a surname. A character the
/// table does not list is seldom seen anywhere and scores 0.
struct NameModel: Sendable {
    /// Surname log-odds × 10 by BMP scalar; `Int8.min` where the model knows no surname.
    private var surname: [Int8]
    /// Given-name log-odds × 10 by BMP scalar; 0 where the table says nothing.
    private var given: [Int8]

    /// The surname score from which a character the lexicon does not list
    /// still starts a name (`沃`, `占`): one in e^1.2 ≈ 3.3 times more often a
    /// name's first character than another word's.
    static let rareSurnameFloor: Int8 = 12

    /// An empty model: no surnames, every character neutral.
    init() {
        surname = Array(repeating: .min, count: 0x10000)
        given = Array(repeating: 0, count: 0x10000)
    }

    /// Sets a character's figures (`surname` nil: no surname).
    mutating func set(_ c: Unicode.Scalar, surname s: Int?, given g: Int) {
        guard c.value < 0x10000 else { return }
        if let s { surname[Int(c.value)] = Int8(clamping: s) }
        given[Int(c.value)] = Int8(clamping: g)
    }

    /// The given-name score of `c` (0 outside the BMP and for characters not listed).
    @inline(__always)
    func givenScore(_ c: Unicode.Scalar) -> Int {
        c.value < 0x10000 ? Int(given[Int(c.value)]) : 0
    }

    /// The surname score of `c`, or nil when the model knows no surname `c`.
    @inline(__always)
    func surnameScore(_ c: Unicode.Scalar) -> Int? {
        guard c.value < 0x10000 else { return nil }
        let v = surname[Int(c.value)]
        return v == .min ? nil : Int(v)
    }

    /// Whether `c` starts names often enough to be read as a surname the
    /// lexicon does not list.
    @inline(__always)
    func isRareSurname(_ c: Unicode.Scalar) -> Bool {
        (surnameScore(c) ?? .min) >= Int(Self.rareSurnameFloor)
    }
}
