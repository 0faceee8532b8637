using System.Collections.Generic;
using Kan.Format;
using Kan.Generator.Diagnostics;
using Kan.Generator.Emit;
using Kan.Generator.Model;

namespace Kan.Generator
{
    public sealed partial class KanGenerator
    {
        /// <summary>
        /// The one place a model's options are chosen and checked, whichever way they were given: MSBuild item
        /// metadata (<c>KanPrecision</c> ...) where set, else the file's <c>generator</c> object (<c>precision</c> ...;
        /// the Unity route, which has no item metadata), else the default. A bad value is KAN0002, located at the
        /// value in the file when it came from there; returns null when any value is bad.
        /// </summary>
        private static ResolvedOptions? ResolveOptions(KanFileInput input, GeneratorSettings? file, ProjectFacts facts, List<DiagnosticInfo> diagnostics)
        {
            int before = diagnostics.Count;
            KanFileOptions metadata = input.Options;
            string fileName = System.IO.Path.GetFileName(input.Path);

            void Invalid(string metadataName, string field, bool fromFile, string value, string expected)
            {
                if (!fromFile)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMetadata, input.Path, metadataName, value, fileName, expected));
                    return;
                }

                string name = "generator." + field;
                diagnostics.Add(ValueLocator.Find(input.Text, input.Path, "generator", field) is TextPosition at
                    ? Located(DiagnosticDescriptors.InvalidMetadata, input, at, name, value, fileName, expected)
                    : DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMetadata, input.Path, name, value, fileName, expected));
            }

            // Two-valued options: true when unset or the default, false for the other value; anything else is KAN0002.
            bool IsDefault(string? fromMetadata, string? fromFile, string metadataName, string field, string byDefault, string other)
            {
                string? value = fromMetadata ?? fromFile;
                if (value is null || value == byDefault)
                {
                    return true;
                }

                if (value != other)
                {
                    Invalid(metadataName, field, fromMetadata is null, value, "expected " + byDefault + " or " + other);
                }

                return false;
            }

            string className = metadata.ClassName ?? file?.ClassName ?? Identifiers.PascalCase(ModelFiles.NamePart(input.Path));
            if (!Identifiers.IsPlainIdentifier(className))
            {
                Invalid("KanClassName", "class_name", metadata.ClassName is null, className, "a class name must be a C# identifier and not a keyword");
            }

            string? givenNamespace = metadata.Namespace ?? file?.Namespace;
            if (givenNamespace is not null && !IsNamespace(givenNamespace))
            {
                Invalid("KanNamespace", "namespace", metadata.Namespace is null, givenNamespace, "expected dotted C# identifiers, e.g. MyApp.Models");
            }

            bool isPublic = IsDefault(metadata.Accessibility, file?.Accessibility, "KanAccessibility", "accessibility", "public", "internal");
            bool useFloat = !IsDefault(metadata.Precision, file?.Precision, "KanPrecision", "precision", "double", "float");
            string? fileVectorBatch = file?.VectorBatch is bool flag ? (flag ? "true" : "false") : null;
            bool vectorBatch = IsDefault(metadata.VectorBatch, fileVectorBatch, "KanVectorBatch", "vector_batch", "true", "false");

            return diagnostics.Count > before
                ? null
                : new ResolvedOptions(className, givenNamespace ?? SanitizeNamespace(facts.RootNamespace), isPublic, useFloat, vectorBatch);
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

        /// <summary>A model's options after choosing between metadata, the file and the defaults, all valid.</summary>
        private sealed record ResolvedOptions(string ClassName, string? Namespace, bool IsPublic, bool UseFloat, bool VectorBatch);
    }
}
