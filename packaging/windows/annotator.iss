; Inno Setup 6 script for the Windows installer of annotator.
;
;   iscc /DAppVersion=0.1.0 /DSourceDir=C:\src\annotator\dist\annotator
;        /DOutputDir=C:\src\annotator\dist
;        /DIconFile=C:\src\annotator\build\annotator\icons\annotator.ico
;        packaging\windows\annotator.iss
;
; SourceDir is the PyInstaller one-folder bundle (annotator.exe, annotator-gui.exe, _internal\);
; IconFile is the .ico that packaging/icons.py writes (the spec writes it to
; build\annotator\icons). Only AppVersion is required: the others default to those places in
; the source tree. Installs per user by default (no UAC prompt); the first page offers an
; install for all users instead.
;
; Signing: nothing here. The workflow (.github/workflows/installers.yml) signs the bundle's
; .exe files before iscc runs and the finished setup .exe afterwards, with signtool and a
; certificate it decodes from repository secrets (WINDOWS_CERT_PFX_BASE64,
; WINDOWS_CERT_PASSWORD). Certificates and passwords never live in the repository, so this
; script deliberately has no SignTool= line.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z
#endif
; VersionInfoVersion accepts only up to four numbers; pass this when AppVersion has a suffix.
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#ifndef SourceDir
  #define SourceDir AddBackslash(SourcePath) + "..\..\dist\annotator"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile AddBackslash(SourcePath) + "..\..\build\annotator\icons\annotator.ico"
#endif

#define AppName "annotator"
#define AppExe "annotator-gui.exe"
#define ProgId "annotator.project"

[Setup]
; The AppId identifies the product across versions (upgrades, uninstall): never change it.
AppId={{BEA0B66D-1373-457B-81DC-1CFD5CBF59D9}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The annotator team
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} setup
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir={#OutputDir}
OutputBaseFilename=annotator-{#AppVersion}-windows-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
WizardStyle=modern
Compression=lzma2
SolidCompression=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; Its own copy of the icon, so the file association shows it whatever the spec embeds.
Source: "{#IconFile}"; DestDir: "{app}"; DestName: "annotator.ico"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

; The .annotator file association. HKA is HKCU for a per-user install and HKLM for an
; all-users one; the uninsdelete* flags remove each entry on uninstall.
[Registry]
Root: HKA; Subkey: "Software\Classes\.annotator"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.annotator\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "annotator project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\annotator.ico"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".annotator"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
