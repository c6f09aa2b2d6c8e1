import Testing
import TutoratCore

@Suite struct OneDecimalTests {
    @Test(arguments: [(4.25, ".", "4.3"), (4.0, ",", "4,0"), (-0.46, ".", "-0.5"), (-12.04, ",", "-12,0"), (0.04, ".", "0.0")])
    func oneDecimalWithTheMarkGiven(_ value: Double, _ mark: String, _ text: String) {
        #expect(OneDecimal.text(value, mark: mark) == text)
    }
}
