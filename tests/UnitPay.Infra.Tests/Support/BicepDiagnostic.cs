namespace UnitPay.Infra.Tests.Support;

/// <summary>One line of Bicep's text diagnostics: <c>file(line,col) : Level code: message</c>.</summary>
public sealed record BicepDiagnostic(string File, string Level, string Code, string Message)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(File)}: {Level} {Code}: {Message}";
}
