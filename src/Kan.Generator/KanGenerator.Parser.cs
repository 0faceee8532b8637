using System;
using System.Collections.Generic;
using System.IO;
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

        /// <summary>Reads one additional file and its item metadata into plain values (no Roslyn objects survive).</summary>
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
        /// KAN0001 at the exact place, bad metadata KAN0002, table mode KAN0003 with its reason, a model no strategy
        /// can compile exactly KAN0005, anything unexpected KAN9999.
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

                string className = input.Options.ClassName ?? Identifiers.PascalCase(Path.GetFileNameWithoutExtension(input.Path));
                if (!Identifiers.IsPlainIdentifier(className))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMetadata, input.Path, "KanClassName", className, fileName, "a class name must be a C# identifier and not a keyword"));
                }

                string? ns = input.Options.Namespace ?? SanitizeNamespace(facts.RootNamespace);
                if (input.Options.Namespace is not null && !IsNamespace(input.Options.Namespace))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMetadata, input.Path, "KanNamespace", input.Options.Namespace, fileName, "expected dotted C# identifiers, e.g. MyApp.Models"));
                }

                // Two-valued metadata: true when unset or the default, false for the other value; anything else is KAN0002.
                bool IsDefault(string? value, string metadata, string byDefault, string other)
                {
                    if (value is null || value == byDefault)
                    {
                        return true;
                    }

                    if (value != other)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMetadata, input.Path, metadata, value, fileName, "expected " + byDefault + " or " + other));
                    }

                    return false;
                }

                bool isPublic = IsDefault(input.Options.Accessibility, "KanAccessibility", "public", "internal");
                bool useFloat = !IsDefault(input.Options.Precision, "KanPrecision", "double", "float");
                bool vectorBatch = IsDefault(input.Options.VectorBatch, "KanVectorBatch", "true", "false");

                if (diagnostics.Count > 0)
                {
                    return Result(input, null, diagnostics);
                }

                ModelPlan? plan = ModelPlanner.Plan(model, useFloat, vectorBatch, facts.TableModeThreshold, out string? uncompilable);
                if (plan is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Uncompilable, input.Path, fileName, uncompilable!));
                    return Result(input, null, diagnostics);
                }

                if (plan.TableReason is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableMode, input.Path, fileName, plan.TableReason));
                }

                return Result(input, new ModelSpec(fileName, className, ns, isPublic, useFloat, vectorBatch, facts.HasSpan, model, plan), diagnostics);
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

        // The parser's line and column are 1-based; Roslyn's are 0-based. The end comes from the text itself.
        private static DiagnosticInfo Located(KanFileInput input, KanFormatException e)
        {
            string text = input.Text;
            int start = Math.Max(0, Math.Min(e.Position.Offset, text.Length));
            int length = Math.Max(0, Math.Min(e.Position.Length, text.Length - start));
            var startPosition = new LinePosition(Math.Max(0, e.Line - 1), Math.Max(0, e.Column - 1));
            LinePosition end = startPosition;
            if (length > 0)
            {
                end = SourceText.From(text).Lines.GetLinePosition(start + length);
            }

            return new DiagnosticInfo(DiagnosticDescriptors.MalformedFile, input.Path, new TextSpan(start, length), new LinePositionSpan(startPosition, end),
                new EquatableArray<string>(new[] { e.Message }));
        }

        private static bool IsNamespace(string value)
        {
            foreach (string part in value.Split('.'))
            {
                if (!Identifiers.IsPlainIdentifier(part))
                {
                    return false;
                }
            }

            return true;
        }

        // A RootNamespace MSBuild made from an odd project name may still not be C#; sanitise rather than fail.
        private static string? SanitizeNamespace(string? root)
        {
            if (root is null)
            {
                return null;
            }

            var parts = new List<string>();
            foreach (string part in root.Split('.'))
            {
                string id = Identifiers.Sanitize(part, "Ns").TrimStart('@');
                parts.Add(Identifiers.IsPlainIdentifier(id) ? id : id + "_");
            }

            return string.Join(".", parts);
        }
    }
}
