using Microsoft.CodeAnalysis;

namespace Kan.Generator.Diagnostics
{
    /// <summary>Every diagnostic the generator reports; docs/diagnostics.md documents each id.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "Kan.Generator";
        private const string HelpBase = "https://github.com/kan/kan/blob/main/docs/diagnostics.md#";

        public static readonly DiagnosticDescriptor MalformedFile = new DiagnosticDescriptor(
            "KAN0001", "Malformed .kan file", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "The .kan file could not be read as a kan/1 model; no class is generated for it.", helpLinkUri: HelpBase + "kan0001");

        public static readonly DiagnosticDescriptor InvalidMetadata = new DiagnosticDescriptor(
            "KAN0002", "Invalid Kan option value", "{0} '{1}' for '{2}' is not valid: {3}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "A model option (KanClassName, KanNamespace, KanAccessibility, KanPrecision or KanVectorBatch item metadata, or the same field of the model file's generator object) is not usable.", helpLinkUri: HelpBase + "kan0002");

        public static readonly DiagnosticDescriptor TableMode = new DiagnosticDescriptor(
            "KAN0003", "Large model generated in table mode", "Model '{0}' has {1} spline polynomial terms (more than {2}); generated with constant tables and loops instead of unrolled code", Category, DiagnosticSeverity.Info, isEnabledByDefault: true,
            description: "Past the size threshold the generator emits static readonly coefficient tables and loops so the generated source stays small.", helpLinkUri: HelpBase + "kan0003");

        public static readonly DiagnosticDescriptor DuplicateClass = new DiagnosticDescriptor(
            "KAN0004", "Two models generate the same class", "'{0}' generates class '{1}', which another model file already generates; set KanClassName or KanNamespace (or the generator object's class_name or namespace) on one of them", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "Each .kan file must generate a distinct class.", helpLinkUri: HelpBase + "kan0004");

        public static readonly DiagnosticDescriptor Uncompilable = new DiagnosticDescriptor(
            "KAN0005", "Model cannot be compiled to code", "Model '{0}' cannot be compiled to code: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "The model is valid but converting it to code produced a non-finite constant.", helpLinkUri: HelpBase + "kan0005");

        public static readonly DiagnosticDescriptor InternalError = new DiagnosticDescriptor(
            "KAN9999", "Internal generator error", "The Kan generator failed on '{0}': {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "An unexpected exception inside the generator; please report it with the .kan file.", helpLinkUri: HelpBase + "kan9999");
    }
}
