import ArgumentParser
import Guanxi

struct TopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "The most central people: degree, weighted degree, betweenness.",
        discussion: """
            Betweenness (Brandes) on the unweighted co-appearance graph the filter \
            keeps. It costs one breadth-first search per source: exact up to 2,000 \
            people, otherwise estimated from 100 evenly spread pivots unless \
            --sample says how many (--sample 0: exact, whatever the size).

            Examples:
              guanxi top --limit 10
              guanxi top --kind official --since 2020 --sample 500
            """
    )

    @Option(help: "Estimate betweenness from this many pivots (0: exact).")
    var sample: Int?

    @OptionGroup var options: QueryOptions

    func validate() throws {
        if let sample, sample < 0 { throw ValidationError("--sample must be 0 (exact) or more") }
    }

    func run() throws {
        try options.run { try $0.top(sample: sample == 0 ? Int.max : sample) }
    }
}
