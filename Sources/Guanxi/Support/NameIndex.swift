/// Numbers distinct strings (personal names) in order of first sight, with
/// `String` equality, without hashing most of them as `String`s.
///
/// Hashing a CJK `String` normalizes it to NFC on the way (over a thousand
/// instructions for a name). A name of at most four scalars from the CJK
/// Unified Ideographs blocks is already in NFC, so two such names are equal
/// exactly when their scalars are; they are packed, 16 bits a scalar, into
/// one `UInt64` key. The first name outside that shape switches the index to
/// `String` keys for everything, so equality stays `String` equality (a
/// compatibility ideograph equals its unified form) in every case.
///
/// The packed keys of the first few names are searched linearly (an article
/// names a handful of people); a dictionary is built only past that.
struct NameIndex {
    /// Packed keys by number, while `packed` is not built yet.
    private var keys: [UInt64] = []
    private var packed: [UInt64: Int]?
    private var byString: [String: Int]?
    /// The names, by number.
    private(set) var names: [String] = []
    /// Names searched linearly by packed key before a dictionary is built.
    private static let linearLimit = 16

    init() {}

    /// An index with room for `capacity` names before it grows.
    init(capacity: Int) {
        keys.reserveCapacity(min(capacity, Self.linearLimit + 1))
        names.reserveCapacity(capacity)
    }

    /// The number of `name`, adding it if it is new; `inserted` is true then.
    mutating func insert(_ name: String) -> (id: Int, inserted: Bool) {
        if byString == nil {
            if let key = Self.pack(name) {
                if let id = packedID(key) { return (id, false) }
                if packed != nil {
                    packed![key] = names.count
                } else {
                    keys.append(key)
                    if keys.count > Self.linearLimit {
                        packed = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
                        keys = []
                    }
                }
                names.append(name)
                return (names.count - 1, true)
            }
            switchToStrings()
        }
        if let id = byString?[name] { return (id, false) }
        byString?[name] = names.count
        names.append(name)
        return (names.count - 1, true)
    }

    /// The number of `name`, if it was inserted. A name of another shape
    /// switches the index to `String` keys (hence `mutating`).
    mutating func id(of name: String) -> Int? {
        if byString == nil, let key = Self.pack(name) { return packedID(key) }
        if byString == nil { switchToStrings() }
        return byString?[name]
    }

    private func packedID(_ key: UInt64) -> Int? {
        if let packed { return packed[key] }
        return keys.firstIndex(of: key)
    }

    private mutating func switchToStrings() {
        var all: [String: Int] = [:]
        for (id, n) in names.enumerated() { all[n] = id }
        byString = all
        packed = nil
        keys = []
    }

    /// Up to four scalars of U+3400–4DBF or U+4E00–9FFF, 16 bits each (no
    /// scalar is 0, so lengths differ in the key); nil for any other name.
    private static func pack(_ name: String) -> UInt64? {
        var key: UInt64 = 0
        var count = 0
        for s in name.unicodeScalars {
            let v = s.value
            guard count < 4, (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) else { return nil }
            key = key << 16 | UInt64(v)
            count += 1
        }
        return count == 0 ? nil : key
    }
}
