/// Text from files and their names made safe to print on a terminal: control
/// characters (C0, DEL, C1), which could move the cursor, recolour or retitle
/// the terminal (`\e]0;…`), are shown escaped as `\x1B`.
///
/// ```swift
/// TerminalText.escaped("a\u{1B}[2Jb.txt")  // "a\\x1B[2Jb.txt"
/// ```
public enum TerminalText {
    /// `text` with every control character written `\xHH` (and `\` before
    /// none else: the result is for people, not for parsing).
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
