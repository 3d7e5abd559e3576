/// Why a query could not answer: an unknown or ambiguous name, with what to do
/// about it (the closest names, or the ids to pick from).
///
/// `description` is one line (or a short list) for the terminal.
public struct QueryError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case unknownPerson = "unknown person"
            case ambiguousPerson = "ambiguous person"
            case unknownOrganization = "unknown organization"
            case ambiguousOrganization = "ambiguous organization"
            case unknownPost = "unknown post"
            case samePerson = "same person"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// No person of that name or id; ``QueryError/candidates`` are the closest names.
        public static let unknownPerson = Code(.unknownPerson)
        /// Several people of that name; ``QueryError/candidates`` lists them to pick by id.
        public static let ambiguousPerson = Code(.ambiguousPerson)
        /// No institution of that name or alias.
        public static let unknownOrganization = Code(.unknownOrganization)
        /// An alias shared by several institutions.
        public static let ambiguousOrganization = Code(.ambiguousOrganization)
        /// No post of that title (nor role, with `--org`) in the whole store.
        public static let unknownPost = Code(.unknownPost)
        /// Two names given for two people name the same person.
        public static let samePerson = Code(.samePerson)

        public var description: String { value.rawValue }
    }

    public var code: Code
    /// The name as typed.
    public var name: String
    /// The store asked.
    public var store: String
    /// Suggestions (unknown) or choices (ambiguous), each a one-line description
    /// such as `金政 (金政@永康市, 市委书记, 2017–2018)`.
    public var candidates: [String]

    public init(_ code: Code, name: String, store: String, candidates: [String]) {
        self.code = code
        self.name = name
        self.store = store
        self.candidates = candidates
    }

    public var description: String {
        switch code {
        case .unknownPost:
            return "no post titled \(name) in \(store); `guanxi person NAME` lists a person's posts as written"
        case .samePerson:
            return "\(name) names one person twice (\(candidates.joined(separator: ", "))); give two different people"
        case .unknownPerson, .unknownOrganization:
            let what = code == .unknownPerson ? "no one named" : "no institution named"
            guard !candidates.isEmpty else { return "\(what) \(name) in \(store)" }
            return "\(what) \(name) in \(store); did you mean: \(candidates.joined(separator: "; "))?"
        default:
            let what = code == .ambiguousPerson ? "people are named" : "institutions are called"
            let pick = code == .ambiguousPerson ? "pick one by id" : "give the full name"
            return (["several \(what) \(name) in \(store); \(pick):"] + candidates.map { "  " + $0 })
                .joined(separator: "\n")
        }
    }
}
