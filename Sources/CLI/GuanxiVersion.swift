/// The version `guanxi --version` prints, with the store schema it writes.
enum GuanxiVersion {
    /// Raised with each release (CHANGELOG.md's section).
    static let current = "0.1.0-dev"
}
