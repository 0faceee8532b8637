using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Kan.Format;
using Kan.Generator.Diagnostics;
using Kan.Generator.Emit;
using Kan.Generator.Model;
using Kan.Generator.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Kan.Generator
{
    public sealed partial class KanGenerator
    {
        private const string MetadataPrefix = "build_metadata.AdditionalFiles.";

        /// <summary>Reads one model file and its item metadata into plain values (no Roslyn objects survive).</summary>
        private static KanFileInput ReadInput(AdditionalText file, AnalyzerConfigOptionsProvider provider, CancellationToken cancellationToken)
        {
            AnalyzerConfigOptions options = provider.GetOptions(file);
            string? Get(string name) => options.TryGetValue(MetadataPrefix + name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
            string text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
            return new KanFileInput(file.Path, text, new KanFileOptions(Get("KanClassName"), Get("KanNamespace"), Get("KanAccessibility"), Get("KanPrecision"), Get("KanVectorBatch")));
        }

        private static ProjectOptions ReadProjectOptions(AnalyzerConfigOptionsProvider provider)
        {
            AnalyzerConfigOptions global = provider.GlobalOptions;
            string? root = global.TryGetValue("build_property.RootNamespace", out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
            long threshold = global.TryGetValue("build_property.KanTableModeThreshold", out string? text) &&
                long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long parsed) && parsed >= 0
                ? parsed
                : TableModeThreshold;
            return new ProjectOptions(root, threshold);
        }

        /// <summary>
        /// File text and options to a spec with its compile plan, or diagnostics. Never throws: a malformed file is
        /// KAN0001 at the exact place, a bad option (item metadata or the file's generator object) KAN0002, table mode
        /// KAN0003 with its reason, a model no strategy can compile exactly KAN0005, anything unexpected KAN9999.
        /// </summary>
        internal static ParseResult Parse(KanFileInput input, ProjectFacts facts, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                string fileName = Path.GetFileName(input.Path);
                KanModel model;
                try
                {
                    model = KanFileParser.Parse(input.Text, input.Path);
                }
                catch (KanFormatException e)
                {
                    diagnostics.Add(Located(input, e));
                    return Result(input, null, diagnostics);
                }

                ResolvedOptions? options = ResolveOptions(input, model.Generator, facts, diagnostics);
                if (options is null)
                {
                    return Result(input, null, diagnostics);
                }

                ModelPlan? plan = ModelPlanner.Plan(model, options.UseFloat, options.VectorBatch, facts.TableModeThreshold, out PlanFailure? uncompilable);
                if (plan is null)
                {
                    diagnostics.Add(ValueLocator.Find(input.Text, input.Path, uncompilable!.Path.ToArray()) is TextPosition at
                        ? Located(DiagnosticDescriptors.Uncompilable, input, at, fileName, uncompilable.Message)
                        : DiagnosticInfo.Create(DiagnosticDescriptors.Uncompilable, input.Path, fileName, uncompilable.Message));
                    return Result(input, null, diagnostics);
                }

                if (plan.TableReason is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableMode, input.Path, fileName, plan.TableReason));
                }

                return Result(input, new ModelSpec(fileName, options.ClassName, options.Namespace, options.IsPublic, options.UseFloat, options.UseFloat && facts.HasMathF, options.VectorBatch, facts.HasSpan, model, plan), diagnostics);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, input.Path, Path.GetFileName(input.Path), e.GetType().Name + ": " + e.Message));
                return Result(input, null, diagnostics);
            }
        }

        private static ParseResult Result(KanFileInput input, ModelSpec? spec, List<DiagnosticInfo> diagnostics) =>
            new ParseResult(input.Path, spec, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));


        private static DiagnosticInfo Located(KanFileInput input, KanFormatException e) =>
            Located(DiagnosticDescriptors.MalformedFile, input, e.Position, e.Detail); // the location already carries the file, line and column

        // The parser's line and column are 1-based; Roslyn's are 0-based. The end comes from the text itself.
        private static DiagnosticInfo Located(DiagnosticDescriptor descriptor, KanFileInput input, TextPosition position, params string[] arguments)
        {
            string text = input.Text;
            int start = Math.Max(0, Math.Min(position.Offset, text.Length));
            int length = Math.Max(0, Math.Min(position.Length, text.Length - start));
            var startPosition = new LinePosition(Math.Max(0, position.Line - 1), Math.Max(0, position.Column - 1));
            LinePosition end = startPosition;
            if (length > 0)
            {
                end = SourceText.From(text).Lines.GetLinePosition(start + length);
            }

            return new DiagnosticInfo(descriptor, input.Path, new TextSpan(start, length), new LinePositionSpan(startPosition, end), new EquatableArray<string>(arguments));
        }
    }
}
