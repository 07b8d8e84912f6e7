// AdminJS's filter panel (replaces « FilterDrawer », rendering the original inside). Closed, AdminJS only
// slides it off-screen: keyboard and screen-reader users still landed on its invisible fields. Closed, it is now
// hidden from them too (`visibility` is inherited by the panel), once its slide-out animation (0.25 s) is over.
import React from 'react';
import { useSelector } from 'react-redux';

const FilterDrawer = ({ OriginalComponent, ...props }) => {
  const isVisible = useSelector((state) => state.filterDrawer.isVisible);
  const style = isVisible
    ? { visibility: 'visible' }
    : { visibility: 'hidden', transition: 'visibility 0s linear 0.25s' };
  return (
    <div style={style} data-testid="filter-drawer-wrapper">
      <OriginalComponent {...props} />
    </div>
  );
};

export default FilterDrawer;
