#!/usr/bin/env bash
# Packs Kan.Generator, checks the package layout, and consumes it from a fresh console project through a local
# folder feed: the project's .kan file must turn into a class that runs. Run by Kan.Generator.Tests (PackageTests).
# Usage: tools/check-package.sh [work-dir]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
feed="$work/feed" app="$work/app" packages="$work/packages"
rm -rf "$feed" "$app" "$packages"
mkdir -p "$feed" "$app"

dotnet pack "$repo/src/Kan.Generator/Kan.Generator.csproj" -c Release -o "$feed" -nologo -v quiet
nupkg="$(ls "$feed"/Kan.Generator.*.nupkg | head -n 1)"
version="$(basename "$nupkg" .nupkg)"; version="${version#Kan.Generator.}"

listing="$(unzip -Z1 "$nupkg")"
for entry in analyzers/dotnet/cs/Kan.Generator.dll build/Kan.Generator.props buildTransitive/Kan.Generator.props; do
  grep -qx "$entry" <<<"$listing" || { echo "FAIL: package lacks $entry"; exit 1; }
done
if grep -q '^lib/' <<<"$listing"; then echo "FAIL: package has a lib/ folder"; exit 1; fi
if unzip -p "$nupkg" Kan.Generator.nuspec | grep -q '<dependency '; then echo "FAIL: package declares dependencies"; exit 1; fi

cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
  </packageSources>
</configuration>
XML
cat > "$app/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <RootNamespace>PackageCheck</RootNamespace>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <RestorePackagesPath>$packages</RestorePackagesPath>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Kan.Generator" Version="$version" PrivateAssets="all" />
  </ItemGroup>
  <ItemGroup>
    <AdditionalFiles Update="Models/drag.kan" KanClassName="DragModel" KanPrecision="float" />
  </ItemGroup>
</Project>
XML
# An empty Directory.Build.props stops the repository's (or any parent's) settings leaking into the fresh project.
echo '<Project />' > "$app/Directory.Build.props"
echo '<Project />' > "$app/Directory.Packages.props"
mkdir -p "$app/Models"
cp "$repo/benchmarks/Kan.Benchmarks/Models/toy_spline.kan" "$app/Models/ball_drag.kan"
cp "$repo/benchmarks/Kan.Benchmarks/Models/toy_symbolic.kan" "$app/Models/drag.kan"
cat > "$app/Program.cs" <<'CS'
using System;
using System.Globalization;

double spline = PackageCheck.BallDrag.Predict(0.25, -0.5);
float symbolic = PackageCheck.DragModel.Predict(0.25f, -0.5f);
Console.WriteLine(spline.ToString("R", CultureInfo.InvariantCulture) + " " + symbolic.ToString("R", CultureInfo.InvariantCulture));
return double.IsFinite(spline) && float.IsFinite(symbolic) ? 0 : 1;
CS

output="$(dotnet run --project "$app/App.csproj" -nologo -v quiet)"
echo "package $version OK: BallDrag/DragModel predict $output"
