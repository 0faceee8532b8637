using System;
using System.IO;

namespace Kan.Generator.Model
{
    /// <summary>
    /// Which additional files are models, and the name part a class is named after. Two spellings: <c>name.kan</c>
    /// (MSBuild projects) and Unity's <c>Name.Kan.Generator.additionalfile</c>: Unity passes an additional file to an
    /// analyzer only when it lies under Assets/ and is named <c>Filename.[AnalyzerName].additionalfile</c>, the analyzer
    /// name being the analyzer assembly's (this one's) name, case-sensitive, and Filename holding no period.
    /// </summary>
    internal static class ModelFiles
    {
        /// <summary>This generator's assembly name, which Unity matches additional files against.</summary>
        public const string AnalyzerName = "Kan.Generator";

        public const string UnitySuffix = "." + AnalyzerName + ".additionalfile";

        public static bool IsModel(string path) =>
            path.EndsWith(".kan", StringComparison.OrdinalIgnoreCase) || path.EndsWith(UnitySuffix, StringComparison.Ordinal);

        /// <summary>The file name without the model extension: <c>ball_drag</c> for <c>ball_drag.kan</c> and for <c>ball_drag.Kan.Generator.additionalfile</c>.</summary>
        public static string NamePart(string path)
        {
            string name = Path.GetFileName(path);
            return name.EndsWith(UnitySuffix, StringComparison.Ordinal)
                ? name.Substring(0, name.Length - UnitySuffix.Length)
                : Path.GetFileNameWithoutExtension(name);
        }
    }
}
