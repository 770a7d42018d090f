# Sign the given files with signtool, for .github/workflows/installers.yml.
#
#   pwsh packaging/windows/sign.ps1 dist/annotator/annotator.exe dist/annotator/annotator-gui.exe
#
# The certificate comes from the environment (WINDOWS_CERT_PFX_BASE64: the .pfx in base64,
# WINDOWS_CERT_PASSWORD: its password), which the workflow fills from repository secrets. It
# exists on disk only while this script runs and is never printed.
param([Parameter(Mandatory, ValueFromRemainingArguments)][string[]] $Files)
$ErrorActionPreference = "Stop"

# signtool is not on PATH on the runners; take the newest Windows SDK's.
$signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
    Sort-Object FullName -Descending | Select-Object -First 1
if (-not $signtool) { throw "signtool.exe not found in the Windows SDK" }

$pfx = [IO.Path]::GetTempFileName()
try {
    [IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERT_PFX_BASE64))
    & $signtool.FullName sign /f $pfx /p $env:WINDOWS_CERT_PASSWORD `
        /tr http://timestamp.digicert.com /td sha256 /fd sha256 /d annotator $Files
    if ($LASTEXITCODE -ne 0) { throw "signtool sign failed ($LASTEXITCODE)" }
    & $signtool.FullName verify /pa $Files
    if ($LASTEXITCODE -ne 0) { throw "signtool verify failed ($LASTEXITCODE)" }
} finally {
    Remove-Item -Force -ErrorAction SilentlyContinue $pfx
}
