using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Kan.Generator.Tests.Support;

/// <summary>
/// A stand-in for the SDK's code analysers (CA1856 and friends): it reports every numeric literal, and like them it
/// opts out of generated code, which Roslyn recognises by the <c>// &lt;auto-generated/&gt;</c> header (or by a
/// generated-looking file name).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
#pragma warning disable RS1036, RS1041 // a test double: no release tracking, built for the test's own compilations
public sealed class NumericLiteralAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1036, RS1041
{
    private static readonly DiagnosticDescriptor Rule = new("TEST0001", "Numeric literal", "Numeric literal {0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(
            c => c.ReportDiagnostic(Diagnostic.Create(Rule, c.Node.GetLocation(), c.Node.ToString())),
            SyntaxKind.NumericLiteralExpression);
    }
}
