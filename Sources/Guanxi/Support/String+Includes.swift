extension StringProtocol {
    /// Whether `part` occurs in the text, byte for byte in UTF-8: the plain
    /// search the linker's title tests need, without Foundation's
    /// `contains`, which bridges to `NSString` and folds each character.
    ///
    /// - Complexity: O(n × m) in the worst case; titles are a few characters.
    func includes(_ part: String) -> Bool {
        utf8.firstRange(of: part.utf8) != nil
    }
}
