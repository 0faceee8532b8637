using System;
using System.Collections.Immutable;
using System.Linq;
using Kan.Generator.Diagnostics;
using Kan.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Kan.Generator
{
    /// <summary>
    /// Turns every <c>.kan</c> (or Unity <c>*.Kan.Generator.additionalfile</c>) additional file into an allocation-free predictor class (docs/generator.md).
    /// Pipeline (after dotnet/runtime's Regex and System.Text.Json generators): per file, text plus item metadata
    /// reduced to an equatable record, combined with two reduced project facts, parsed to an equatable spec, emitted.
    /// No Compilation or symbol flows through the pipeline, so unrelated edits leave every step cached.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class KanGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<KanFileInput> files = context.AdditionalTextsProvider
                .Where(static file => ModelFiles.IsModel(file.Path))
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, ct) => ReadInput(pair.Left, pair.Right, ct))
                .WithTrackingName(TrackingNames.Files);

            IncrementalValueProvider<ProjectOptions> projectOptions = context.AnalyzerConfigOptionsProvider
                .Select(static (provider, _) => ReadProjectOptions(provider))
                .WithTrackingName(TrackingNames.ProjectOptions);

            // Like the Regex generator: one fact about the compilation, reduced to a bool straight away.
            IncrementalValueProvider<bool> hasSpan = context.CompilationProvider
                .Select(static (compilation, _) => compilation.GetTypeByMetadataName("System.ReadOnlySpan`1") is not null &&
                                                   compilation.GetTypeByMetadataName("System.Span`1") is not null)
                .WithTrackingName(TrackingNames.HasSpan);

            // float models call MathF where the target has it (netstandard2.1, .NET Core) and (float)Math elsewhere.
            IncrementalValueProvider<bool> hasMathF = context.CompilationProvider
                .Select(static (compilation, _) => compilation.GetTypeByMetadataName("System.MathF") is not null)
                .WithTrackingName(TrackingNames.HasMathF);

            IncrementalValueProvider<ProjectFacts> facts = projectOptions.Combine(hasSpan).Combine(hasMathF)
                .Select(static (pair, _) => new ProjectFacts(pair.Left.Left.RootNamespace, pair.Left.Right, pair.Right, pair.Left.Left.TableModeThreshold))
                .WithTrackingName(TrackingNames.ProjectFacts);

            IncrementalValuesProvider<ParseResult> models = files.Combine(facts)
                .Select(static (pair, ct) => Parse(pair.Left, pair.Right, ct))
                .WithTrackingName(TrackingNames.Models);

            // Files whose class another file (first by path) already generates: only their names cross models, so
            // editing one model's numbers leaves this set, and every other model, cached.
            IncrementalValueProvider<EquatableArray<string>> duplicates = models
                .Select(static (result, _) => (result.FilePath, result.TypeName))
                .Collect()
                .Select(static (all, _) => FindDuplicates(all))
                .WithTrackingName(TrackingNames.Duplicates);

            context.RegisterSourceOutput(models.Combine(duplicates), static (spc, pair) => Produce(spc, pair.Left, pair.Right));
        }

        private static EquatableArray<string> FindDuplicates(ImmutableArray<(string Path, string? TypeName)> all)
        {
            var losers = all.Where(x => x.TypeName is not null)
                .GroupBy(x => x.TypeName, StringComparer.Ordinal)
                .SelectMany(g => g.Select(x => x.Path).OrderBy(p => p, StringComparer.Ordinal).Skip(1))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();
            return new EquatableArray<string>(losers);
        }

        private static void Produce(SourceProductionContext context, ParseResult result, EquatableArray<string> duplicates)
        {
            foreach (DiagnosticInfo info in result.Diagnostics)
            {
                context.ReportDiagnostic(info.ToDiagnostic());
            }

            ModelSpec? spec = result.Spec;
            if (spec is null)
            {
                return;
            }

            if (duplicates.Contains(result.FilePath))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateClass, Location.Create(result.FilePath, default, default), spec.FileName, result.TypeName));
                return;
            }

            string source;
            try
            {
                source = Emit(spec);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.Create(result.FilePath, default, default), spec.FileName, e.GetType().Name + ": " + e.Message));
                return;
            }

            string hintName = (spec.Namespace is null ? string.Empty : spec.Namespace + ".") + spec.ClassName + ".g.cs";
            context.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
        }
    }

    /// <summary>Step names for incremental-caching tests.</summary>
    public static class TrackingNames
    {
        public const string Files = "KanFiles";
        public const string ProjectOptions = "KanProjectOptions";
        public const string HasSpan = "KanHasSpan";
        public const string HasMathF = "KanHasMathF";
        public const string ProjectFacts = "KanProjectFacts";
        public const string Models = "KanModels";
        public const string Duplicates = "KanDuplicates";
    }
}
