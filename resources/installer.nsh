; Included by electron-builder's NSIS installer (electron-builder.yml nsis.include).
; A coordinator's PC can be the host of LAN stations (docs/lan.md): the installer lets the app accept
; connections on PRIVATE networks only (a warehouse switch or the host's own hotspot), never on public
; ones such as a cafe's Wi-Fi. The uninstaller removes the rule. Adding a rule needs administrator rights:
; an installation for the current user only leaves it to Windows, which asks on the first start of host
; mode (choose "Jaringan pribadi" / "Private networks" only).

!define GUDANG_FIREWALL_RULE "Gudang Pemilu (stasiun LAN)"

!macro customInstall
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${GUDANG_FIREWALL_RULE}"'
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name="${GUDANG_FIREWALL_RULE}" dir=in action=allow program="$INSTDIR\${APP_EXECUTABLE_FILENAME}" enable=yes profile=private protocol=TCP'
!macroend

!macro customUnInstall
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="${GUDANG_FIREWALL_RULE}"'
!macroend
