/** The app's mark and name; the header shows it white on maroon, full-page cards maroon on white. */
export function Brand() {
  return (
    <div className="brand">
      <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect x="1" y="1" width="30" height="30" rx="5" />
        <path d="M8 14h16v11H8z" />
        <path d="M12 14V8h8v6" />
        <path d="M13 11h6" />
      </svg>
      <div>
        <div className="brand-name">Gudang Pemilu</div>
        <div className="brand-sub">Gudang Logistik KPU</div>
      </div>
    </div>
  )
}
