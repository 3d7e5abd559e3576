/// Why a person is what it is: one merge, split, attachment, curation or drop.
public struct LinkDecision: Sendable, Hashable {
    /// The person the decision produced; nil when it removed one (`not-a-person`).
    public var personId: String?
    public var name: String
    /// `new`, `merge`, `split`, `rename`, `drop`.
    public var action: String
    /// The rule that decided (`same-name-same-jurisdiction`, `curation:12`, …).
    public var rule: String
    /// A sentence a user can check against the evidence.
    public var reason: String

    public init(personId: String?, name: String, action: String, rule: String, reason: String) {
        self.personId = personId
        self.name = name
        self.action = action
        self.rule = rule
        self.reason = reason
    }
}
