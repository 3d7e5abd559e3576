extension MappedText {
    /// Joins mapped texts in source order, putting `separator` between non-empty parts.
    ///
    /// The separator maps to the last source offset of the part before it, so the
    /// offsets stay non-decreasing.
    ///
    /// ```swift
    /// MappedText.joined([title, subtitle], separator: " ")  // "牡丹盛开 …"
    /// ```
    public static func joined(_ parts: [MappedText], separator: Unicode.Scalar? = nil) -> MappedText {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        for part in parts where !part.isEmpty {
            if let separator, let last = offsets.last {
                scalars.append(separator)
                offsets.append(last)
            }
            scalars += part.scalars
            offsets += part.sourceOffsets
        }
        return MappedText(scalars: scalars, sourceOffsets: offsets)
    }
}
