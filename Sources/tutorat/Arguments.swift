import ArgumentParser
import TutoratCore
import TutoratPublish
import TutoratScaffold
import TutoratSource

// The domain's own enums are the arguments: no copy of their cases to keep in step.
extension ServerRules.Server: ExpressibleByArgument {}
extension DiagnosticFormat.Style: ExpressibleByArgument {}
extension NewFile.Kind: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
