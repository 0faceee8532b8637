using Microsoft.CodeAnalysis;

namespace Kan.Generator.Diagnostics
{
    /// <summary>
    /// Every diagnostic the generator reports; docs/diagnostics.md documents each id. No help links: the project has
    /// no published address for that page yet, and a link must lead somewhere real.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "Kan.Generator";

        public static readonly DiagnosticDescriptor MalformedFile = new DiagnosticDescriptor(
            "KAN0001", "Malformed .kan file", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "The .kan file could not be read as a kan/1 model; no class is generated for it.");

        public static readonly DiagnosticDescriptor InvalidMetadata = new DiagnosticDescriptor(
            "KAN0002", "Invalid Kan option value", "{0} '{1}' for '{2}' is not valid: {3}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "A model option (KanClassName, KanNamespace, KanAccessibility, KanPrecision or KanVectorBatch item metadata, or the same field of the model file's generator object) is not usable.");

        public static readonly DiagnosticDescriptor TableMode = new DiagnosticDescriptor(
            "KAN0003", "Model generated in table mode", "Model '{0}' is generated with data tables and loops instead of unrolled code: {1}", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: "Past the size threshold (KanTableModeThreshold), when an unrolled method would be too large for the JIT to optimise, or when the polynomial form of a spline is not finite, the generator emits data tables and loops; single predictions are then slower than unrolled code would be. Silence with NoWarn or .editorconfig if intended.");

        public static readonly DiagnosticDescriptor DuplicateClass = new DiagnosticDescriptor(
            "KAN0004", "Two models generate the same class", "'{0}' generates class '{1}', which another model file already generates; set KanClassName or KanNamespace (or the generator object's class_name or namespace) on one of them", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "Each .kan file must generate a distinct class.");

        public static readonly DiagnosticDescriptor Uncompilable = new DiagnosticDescriptor(
            "KAN0005", "Model cannot be compiled to code", "Model '{0}' cannot be compiled to code: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "The model is valid but a constant its code needs (a product of scales, or a value rounded to float) is not finite in the code's number type.");

        public static readonly DiagnosticDescriptor InternalError = new DiagnosticDescriptor(
            "KAN9999", "Internal generator error", "The Kan generator failed on '{0}': {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            description: "An unexpected exception inside the generator; please report it with the .kan file.");
    }
}
