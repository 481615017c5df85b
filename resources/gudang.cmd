@echo off
rem gudang for the installed app on Windows: the app's own executable with its "cli" argument
rem (electron/main/cli.ts). Windows does not wait for a windowed program, so "start /wait" does, and
rem passes its exit code on; /b keeps the output in this console.
start "" /b /wait "%~dp0..\Gudang Pemilu.exe" cli %*
exit /b %ERRORLEVEL%
