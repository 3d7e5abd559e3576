import Foundation

/// User corrections applied after automatic linking on every build.
///
/// A tab-separated text file, one command a line, `#` starts a comment:
///
/// ```
/// merge	张三	张三@金华市
/// split	李四	by-date	2019-01-01
/// split	李四	by-jurisdiction
/// rename	王五@永康市	王五（副）
/// not-a-person	胡则
/// ```
///
/// `NAME_OR_ID` matches a person id exactly, else every person of that name.
public struct Curation: Sendable, Hashable {
    /// One parsed line.
    public enum Command: Sendable, Hashable {
        case merge(String, String)
        case splitByDate(String, date: String)
        case splitByJurisdiction(String)
        case rename(String, to: String)
        case notAPerson(String)
    }

    /// A command with where it came from.
    public struct Line: Sendable, Hashable {
        public var number: Int
        public var text: String
        public var command: Command
    }

    public var file: String
    public var lines: [Line]
    /// Lines that could not be parsed.
    public var problems: [CurationProblem]

    /// No corrections.
    public static let none = Curation(file: "", lines: [], problems: [])

    public init(file: String, lines: [Line], problems: [CurationProblem]) {
        self.file = file
        self.lines = lines
        self.problems = problems
    }

    /// Parses curation text; bad lines become `problems`, never errors.
    public static func parse(_ text: String, file: String) -> Curation {
        var lines: [Line] = []
        var problems: [CurationProblem] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = raw.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let number = offset + 1
            func bad(_ message: String) {
                problems.append(CurationProblem(file: file, line: number, message: message))
            }
            guard fields.dropFirst().allSatisfy({ !$0.isEmpty }) else {
                bad("empty field in “\(line)”; fields are separated by one tab")
                continue
            }
            let command: Command
            switch (fields[0], fields.count) {
            case ("merge", 3): command = .merge(fields[1], fields[2])
            case ("split", 4) where fields[2] == "by-date":
                if let problem = ISODate.problem(fields[3]) {
                    bad("split by-date needs a date like 2019-01-01, got “\(fields[3])”: \(problem)")
                    continue
                }
                command = .splitByDate(fields[1], date: fields[3])
            case ("split", 3) where fields[2] == "by-jurisdiction": command = .splitByJurisdiction(fields[1])
            case ("rename", 3): command = .rename(fields[1], to: fields[2])
            case ("not-a-person", 2): command = .notAPerson(fields[1])
            case ("merge", _), ("split", _), ("rename", _), ("not-a-person", _):
                bad(
                    "wrong number of fields for \(fields[0]): expected "
                        + "merge⇥A⇥B, split⇥NAME⇥by-date⇥DATE, split⇥NAME⇥by-jurisdiction, rename⇥ID⇥NAME or not-a-person⇥NAME"
                )
                continue
            default:
                bad("unknown command “\(fields[0])”; use merge, split, rename or not-a-person")
                continue
            }
            lines.append(Line(number: number, text: line, command: command))
        }
        return Curation(file: file, lines: lines, problems: problems)
    }

    /// Reads a curation file; a missing file is no curation when `required` is false.
    public static func load(path: String, required: Bool) throws -> Curation {
        guard FileManager.default.fileExists(atPath: path) else {
            if required {
                throw CurationError(path: path, "no curation file here; check the --curation path")
            }
            return .none
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw CurationError(path: path, "cannot read the curation file as UTF-8 text")
        }
        return parse(text, file: path)
    }

}
