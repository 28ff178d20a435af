; Inno Setup 6 script for Xiaoer 店小二 on Windows: packages the PyInstaller folder
; (dist\xiaoer, made by `pyinstaller build.spec`) into dist\xiaoer-<version>-setup.exe.
;   iscc installer\xiaoer.iss                       (from the repository root)
;   iscc /DAppVersion=0.2.0 installer\xiaoer.iss     (another version than pyproject's)
; Start-menu and desktop shortcuts; the uninstaller removes the program only: each user's
; store and backups in %LOCALAPPDATA%\Xiaoer stay for the next installation.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Xiaoer 店小二"
#define AppExe "xiaoer.exe"

[Setup]
AppId={{6E1B3C0A-5D2F-4B8E-9A61-7C3D2F9B0E15}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Xiaoer
DefaultDirName={autopf}\Xiaoer
DefaultGroupName=Xiaoer
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=xiaoer-{#AppVersion}-setup
SetupIconFile=..\resources\icons\xiaoer.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

; Simplified Chinese when this Inno Setup has Languages\ChineseSimplified.isl (else copy it
; there from the Inno Setup translations page; without it the wizard is in English)
#define HaveChinese FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")

[Languages]
#if HaveChinese
Name: "chinese"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.DataKept=Your store and its backups were kept in %1. Installing Xiaoer again finds them.
#if HaveChinese
chinese.DataKept=您的营业数据和备份仍保留在 %1，重新安装店小二后会自动使用。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\xiaoer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the program folder may gather besides the installed files
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { the uninstaller never deletes the per-user data; say where it is }
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\Xiaoer')]),
      mbInformation, MB_OK);
end;
