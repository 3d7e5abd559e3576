import ArgumentParser
import Foundation
import Guanxi

extension GuanxiCommand {
    /// Parses the arguments from their bytes: an argument that is not UTF-8
    /// (a GBK file name, typed by the shell's completion) is given as its
    /// ``PathText`` (`\xD3\xC0.txt`), which names the same file, where
    /// `CommandLine.arguments` would have replaced its bytes with U+FFFD.
    static func main() {
        main(rawArguments())
    }

    /// The arguments after the program's name, each UTF-8 one as it is and
    /// any other as its path text.
    static func rawArguments() -> [String] {
        let argv = CommandLine.unsafeArgv
        return (1..<Int(CommandLine.argc)).map { i in
            guard let pointer = argv[i] else { return "" }
            let raw = UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self)
            let bytes = UnsafeBufferPointer(start: raw, count: strlen(pointer))
            return String(validating: bytes, as: UTF8.self) ?? PathText.text(bytes)
        }
    }
}
