/// The people named beside a mention in its article, for the shared-partner
/// evidence of ``CareerEvidence``; the store that holds the mentions provides it.
protocol PartnerLookup: Sendable {
    /// Name numbers of the officials and undecided people named in the same
    /// article as the mention in `row`, other than its own name.
    func partners(of row: Int32) -> [Int32]
    /// The name a number stands for.
    func name(_ number: Int32) -> String
}
